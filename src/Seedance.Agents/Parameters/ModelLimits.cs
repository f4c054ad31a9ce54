using Seedance.Client.Models;

namespace Seedance.Agents.Parameters;

/// <summary>
/// The widest limits over a catalogue's models, for the schema's <c>minimum</c>/<c>maximum</c>/<c>maxItems</c> (each model's own
/// limits are in the descriptions and enforced by the validator), and the per-model texts the descriptions read.
/// </summary>
internal static class ModelLimits
{
    /// <summary>The shipped catalogue's widest limits: tool schemas are made once, and the validator holds each model to its own.</summary>
    public static ModelCatalog Shipped => ModelCatalog.Default;

    /// <summary>The smallest duration any model takes: -1 when one lets the model choose.</summary>
    public static int MinDuration(ModelCatalog catalog) =>
        catalog.Models.Any(m => m.AutoDurationSeconds is not null) ? -1 : catalog.Models.Min(m => m.MinDuration);

    /// <summary>The longest shot any model takes.</summary>
    public static int MaxDuration(ModelCatalog catalog) => catalog.Models.Max(m => m.MaxDuration);

    /// <summary>The most of something any model takes.</summary>
    public static int Most(ModelCatalog catalog, Func<ModelInfo, int> limit) => catalog.Models.Max(limit);

    /// <summary>"4 to 15 s; on c: 4 to 30 s or -1 (the model chooses; budgeted as 30 s)": what most models take, then the others by name.</summary>
    public static string Durations(ModelCatalog catalog) =>
        MostThenOthers(catalog, m => (m.MinDuration, m.MaxDuration, m.AutoDurationSeconds), key =>
            $"{key.MinDuration} to {key.MaxDuration} s"
            + (key.AutoDurationSeconds is { } auto ? $" or -1 (the model chooses; budgeted as {auto} s)" : string.Empty));

    /// <summary>"9; on c: 30", or the one number when every model agrees.</summary>
    public static string Counts(ModelCatalog catalog, Func<ModelInfo, int> limit) =>
        MostThenOthers(catalog, limit, count => count.ToString(System.Globalization.CultureInfo.InvariantCulture));

    // Said once for most models and by name only for the others, so the schema does not list every model at every limit.
    public static string MostThenOthers<TKey>(ModelCatalog catalog, Func<ModelInfo, TKey> key, Func<TKey, string> words)
    {
        var groups = catalog.Models.GroupBy(key).OrderByDescending(g => g.Count()).ToArray();
        var text = words(groups[0].Key);
        return groups.Length == 1
            ? text
            : $"{text}; {string.Join("; ", groups.Skip(1).Select(g => $"on {string.Join(" and ", g.Select(m => m.Name))}: {words(g.Key)}"))}";
    }

    /// <summary>Every value any model offers for a field, in catalogue order.</summary>
    public static IReadOnlyList<string> Values(ModelCatalog catalog, Func<ModelInfo, IReadOnlyList<string>> values) =>
        catalog.Models.SelectMany(values).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The models offering a field, joined with "and".</summary>
    public static string Offering(ModelCatalog catalog, Func<ModelInfo, IReadOnlyList<string>> values) =>
        string.Join(" and ", catalog.Models.Where(m => values(m).Count > 0).Select(m => m.Name));
}
