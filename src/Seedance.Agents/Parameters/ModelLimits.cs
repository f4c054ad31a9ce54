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

    /// <summary>"4 to 15 s on a and b; 4 to 30 s or -1 (the model chooses, charged as 30 s) on c".</summary>
    public static string Durations(ModelCatalog catalog) =>
        string.Join("; ", catalog.Models.GroupBy(m => (m.MinDuration, m.MaxDuration, m.AutoDurationSeconds)).Select(g =>
            $"{g.Key.MinDuration} to {g.Key.MaxDuration} s"
            + (g.Key.AutoDurationSeconds is { } auto ? $" or -1 (the model chooses; budgeted as {auto} s)" : string.Empty)
            + $" on {string.Join(" and ", g.Select(m => m.Name))}"));

    /// <summary>"9 on a and b; 30 on c", or the one number when every model agrees.</summary>
    public static string Counts(ModelCatalog catalog, Func<ModelInfo, int> limit)
    {
        var groups = catalog.Models.GroupBy(limit).ToArray();
        return groups.Length == 1
            ? groups[0].Key.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : string.Join("; ", groups.Select(g => $"{g.Key} on {string.Join(" and ", g.Select(m => m.Name))}"));
    }

    /// <summary>Every value any model offers for a field, in catalogue order.</summary>
    public static IReadOnlyList<string> Values(ModelCatalog catalog, Func<ModelInfo, IReadOnlyList<string>> values) =>
        catalog.Models.SelectMany(values).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The models offering a field, joined with "and".</summary>
    public static string Offering(ModelCatalog catalog, Func<ModelInfo, IReadOnlyList<string>> values) =>
        string.Join(" and ", catalog.Models.Where(m => values(m).Count > 0).Select(m => m.Name));
}
