using System.Globalization;
using Seedance.Client.Models;

namespace Seedance.Client.Requests;

/// <summary>
/// The one place where the request catalogue reads bounds and values that depend on the model: a row's range or list of
/// values is one of these methods, never a constant. A model's own facts (<see cref="ModelInfo"/>: the shipped file, or
/// the provider's once read) decide; a null model (unknown, or the schema's view across models) gets the widest over the
/// shipped catalogue, since tool schemas are made once and the validator holds each model to its own. The texts that
/// name these limits per model ("4 to 15 s; on seedance-2.5: 4 to 30 s or -1") are made here too.
/// </summary>
public static class ModelLimits
{
    /// <summary>The catalogue whose widest limits a null model gets: the shipped one.</summary>
    public static ModelCatalog Shipped => ModelCatalog.Default;

    /// <summary>
    /// The allowed <c>duration</c> in seconds: the model's own range, or the widest over the models (from -1 when one lets
    /// the model choose). Whether -1 is accepted on a model is <see cref="AcceptsDuration"/>.
    /// </summary>
    public static IntRange Duration(ModelInfo? model) =>
        model is null ? new(MinDuration(Shipped), MaxDuration(Shipped)) : new(model.MinDuration, model.MaxDuration);

    /// <summary>A shot's <c>duration</c>: a film's shots have known lengths, so -1 ("the model chooses") is for single clips.</summary>
    public static IntRange ShotDuration(ModelInfo? model) =>
        model is null ? new(Shipped.Models.Min(m => m.MinDuration), MaxDuration(Shipped)) : new(model.MinDuration, model.MaxDuration);

    /// <summary>Whether <paramref name="seconds"/> is a length <paramref name="model"/> takes (any model's when null).</summary>
    public static bool AcceptsDuration(ModelInfo? model, long seconds) =>
        seconds is >= int.MinValue and <= int.MaxValue
        && (model is null ? Shipped.Models.Any(m => m.AcceptsDuration((int)seconds)) : model.AcceptsDuration((int)seconds));

    /// <summary>What a refused <c>duration</c> should have been: "an integer from 4 to 15 (seconds) on doubao-seedance-2.0".</summary>
    public static string DurationAllowed(ModelInfo? model) =>
        model is null
            ? $"{ShotDuration(null).Text} (seconds)" + (Shipped.Models.Any(m => m.AutoDurationSeconds is not null)
                ? $", or -1 on {string.Join(" and ", Shipped.Models.Where(m => m.AutoDurationSeconds is not null).Select(m => m.Name))}"
                : string.Empty)
            : $"{model.DurationText} on {model.Name}";

    /// <summary>How many images <c>image_urls</c> (or <c>image_with_roles</c>) may hold.</summary>
    public static IntRange Images(ModelInfo? model) => new(0, model?.MaxImages ?? Most(Shipped, m => m.MaxImages));

    /// <summary>How many videos <c>video_urls</c> may hold.</summary>
    public static IntRange Videos(ModelInfo? model) => new(0, model?.MaxVideos ?? Most(Shipped, m => m.MaxVideos));

    /// <summary>How many clips <c>audio_urls</c> may hold.</summary>
    public static IntRange AudioClips(ModelInfo? model) => new(0, model?.MaxAudios ?? Most(Shipped, m => m.MaxAudios));

    /// <summary>The <c>output_format</c> values of <paramref name="model"/>, or every model's when null; empty when the model has none.</summary>
    public static IReadOnlyList<string> OutputFormats(ModelCatalog catalog, ModelInfo? model) =>
        model?.OutputFormats ?? Values(catalog, m => m.OutputFormats);

    /// <summary>The <c>omni_reference_task_type</c> values of <paramref name="model"/>, or every model's when null; empty when the model has none.</summary>
    public static IReadOnlyList<string> ReferenceTaskTypes(ModelCatalog catalog, ModelInfo? model) =>
        model?.ReferenceTaskTypes ?? Values(catalog, m => m.ReferenceTaskTypes);

    /// <summary>The smallest duration any model takes: -1 when one lets the model choose.</summary>
    public static int MinDuration(ModelCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Models.Any(m => m.AutoDurationSeconds is not null) ? -1 : catalog.Models.Min(m => m.MinDuration);
    }

    /// <summary>The longest shot any model takes.</summary>
    public static int MaxDuration(ModelCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Models.Max(m => m.MaxDuration);
    }

    /// <summary>The most of something any model takes.</summary>
    public static int Most(ModelCatalog catalog, Func<ModelInfo, int> limit)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Models.Max(limit);
    }

    /// <summary>"4 to 15 s; on seedance-2.5: 4 to 30 s or -1 (the model chooses; budgeted as 30 s)": what most models take, then the others by name.</summary>
    public static string Durations(ModelCatalog catalog) =>
        MostThenOthers(catalog, m => (m.MinDuration, m.MaxDuration, m.AutoDurationSeconds), key =>
            $"{key.MinDuration} to {key.MaxDuration} s"
            + (key.AutoDurationSeconds is { } auto ? $" or -1 (the model chooses; budgeted as {auto} s)" : string.Empty));

    /// <summary>A shot's lengths per model, without -1: "4 to 15; on seedance-2.5: 4 to 30".</summary>
    public static string ShotDurations(ModelCatalog catalog) =>
        MostThenOthers(catalog, m => (m.MinDuration, m.MaxDuration), k => $"{k.MinDuration} to {k.MaxDuration}");

    /// <summary>"9; on seedance-2.5: 30", or the one number when every model agrees.</summary>
    public static string Counts(ModelCatalog catalog, Func<ModelInfo, int> limit) =>
        MostThenOthers(catalog, limit, count => count.ToString(CultureInfo.InvariantCulture));

    /// <summary>Said once for most models and by name only for the others, so the schema does not list every model at every limit.</summary>
    public static string MostThenOthers<TKey>(ModelCatalog catalog, Func<ModelInfo, TKey> key, Func<TKey, string> words)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(words);
        var groups = catalog.Models.GroupBy(key).OrderByDescending(g => g.Count()).ToArray();
        var text = words(groups[0].Key);
        return groups.Length == 1
            ? text
            : $"{text}; {string.Join("; ", groups.Skip(1).Select(g => $"on {string.Join(" and ", g.Select(m => m.Name))}: {words(g.Key)}"))}";
    }

    /// <summary>Every value any model offers for a field, in catalogue order.</summary>
    public static IReadOnlyList<string> Values(ModelCatalog catalog, Func<ModelInfo, IReadOnlyList<string>> values)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Models.SelectMany(values).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The models offering a field, joined with "and".</summary>
    public static string Offering(ModelCatalog catalog, Func<ModelInfo, IReadOnlyList<string>> values)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return string.Join(" and ", catalog.Models.Where(m => values(m).Count > 0).Select(m => m.Name));
    }

    /// <summary>", except on seedance-2.5" when some models take audio as the only reference; empty otherwise.</summary>
    public static string AudioOnlyExceptions(ModelCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Models.Any(m => m.AudioOnlyReferences)
            ? $", except on {string.Join(" and ", catalog.Models.Where(m => m.AudioOnlyReferences).Select(m => m.Name))}"
            : string.Empty;
    }
}
