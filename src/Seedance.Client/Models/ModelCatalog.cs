using System.Diagnostics.CodeAnalysis;

namespace Seedance.Client.Models;

/// <summary>The models the client knows, with what each accepts. Immutable; <see cref="With"/> makes an extended copy.</summary>
public sealed class ModelCatalog
{
    private readonly Dictionary<string, ModelInfo> _models;

    /// <summary>Creates a catalogue of the given models (a later entry with the same name wins).</summary>
    public ModelCatalog(IEnumerable<ModelInfo> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        _models = new Dictionary<string, ModelInfo>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var model in models)
        {
            ArgumentNullException.ThrowIfNull(model);
            if (string.IsNullOrWhiteSpace(model.Name) || model.Resolutions.Count == 0)
            {
                throw new ArgumentException(
                    $"Seedance:AdditionalModels: every model needs a Name and at least one Resolution; given: '{model.Name}'.", nameof(models));
            }

            if (!_models.ContainsKey(model.Name))
            {
                order.Add(model.Name);
            }

            _models[model.Name] = model;
        }

        Models = order.Select(name => _models[name]).ToArray();
    }

    /// <summary>The shipped catalogue (<c>Models/models.json</c>): Seedance 2.0's three models and Seedance 2.5, each fact with its source and date.</summary>
    public static ModelCatalog Default { get; } = new(ModelCatalogFile.Load());

    /// <summary>Every model, in catalogue order.</summary>
    public IReadOnlyList<ModelInfo> Models { get; }

    /// <summary>Every model name, in catalogue order.</summary>
    public IReadOnlyList<string> Names => Models.Select(m => m.Name).ToArray();

    /// <summary>Every id accepted in <c>model</c>: each name, then its aliases.</summary>
    public IReadOnlyList<string> AcceptedIds => Models.SelectMany(m => m.Aliases.Prepend(m.Name)).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Looks a model up by its exact name or one of its aliases.</summary>
    public bool TryGet(string? name, [NotNullWhen(true)] out ModelInfo? model)
    {
        if (name is null)
        {
            model = null;
            return false;
        }

        if (_models.TryGetValue(name, out model))
        {
            return true;
        }

        model = Models.FirstOrDefault(m => m.IsCalled(name));
        return model is not null;
    }

    /// <summary>A copy of this catalogue with the given models added or replaced.</summary>
    public ModelCatalog With(IEnumerable<ModelInfo> models) => new(Models.Concat(models));
}
