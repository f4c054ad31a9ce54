using System.Text.Json;

namespace Seedance.Client.Models;

/// <summary>
/// The shipped catalogue: <c>Models/models.json</c>, embedded in the assembly, with every model's limits, allowed values and
/// prices and where and when each was read. Read once, on first use, through source-generated metadata (AOT-safe).
/// </summary>
internal static class ModelCatalogFile
{
    /// <summary>The manifest name of the embedded file.</summary>
    public const string ResourceName = "Seedance.Client.models.json";

    /// <summary>The models in the shipped file, in file order.</summary>
    public static IReadOnlyList<ModelInfo> Load()
    {
        using var stream = typeof(ModelCatalogFile).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The shipped model catalogue {ResourceName} is missing from the assembly.");
        return Read(stream);
    }

    /// <summary>Reads a catalogue file of the shipped form.</summary>
    public static IReadOnlyList<ModelInfo> Read(Stream stream)
    {
        var file = JsonSerializer.Deserialize(stream, ModelCatalogJsonContext.Default.CatalogDocument)
            ?? throw new InvalidOperationException("The model catalogue is empty.");
        // Source-generated readers set absent init-only lists to null: an absent list means none.
        return file.Models.Select(m => m with
        {
            Aliases = m.Aliases ?? [],
            Resolutions = m.Resolutions ?? [],
            OutputFormats = m.OutputFormats ?? [],
            ReferenceTaskTypes = m.ReferenceTaskTypes ?? [],
            Prices = m.Prices ?? [],
        }).ToArray();
    }

    /// <summary>The file's shape.</summary>
    internal sealed record CatalogDocument
    {
        public string? About { get; init; }

        public IReadOnlyList<ModelInfo> Models { get; init; } = [];
    }
}
