using Seedance.Client.Models;

namespace Seedance.Client.Requests;

/// <summary>The parts of parameter descriptions that come from the model catalogue, so a model added in configuration shows up in them.</summary>
public static class FieldTexts
{
    /// <summary>"name (summary); …" for every model.</summary>
    public static string Models(ModelCatalog catalog) =>
        string.Join("; ", catalog.Models.Select(m => m.Summary is null ? m.Name : $"{m.Name} ({m.Summary})"));

    /// <summary>The models that render <paramref name="resolution"/>, joined with "and".</summary>
    public static string ModelsRendering(ModelCatalog catalog, string resolution) =>
        string.Join(" and ", catalog.Models.Where(m => m.Resolutions.Contains(resolution, StringComparer.Ordinal)).Select(m => m.Name));

    /// <summary>The models that take <c>asset://</c> URLs, joined with "and".</summary>
    public static string AssetModels(ModelCatalog catalog) =>
        string.Join(" and ", catalog.Models.Where(m => m.SupportsAssetUrls).Select(m => m.Name));

    /// <summary>What one media item may be.</summary>
    public static string MediaItem(ModelCatalog catalog) =>
        $"Each item is an http(s) URL, or asset://<id> (only on {AssetModels(catalog)}). A local image may be given as an absolute file path; "
        + "it is uploaded first.";

    /// <summary>The prompt limits of every model: hard limits in characters, and the advice for models without one.</summary>
    public static string PromptLimits(ModelCatalog catalog)
    {
        var hard = catalog.Models.Where(m => m.MaxPromptLength is not null).GroupBy(m => m.MaxPromptLength!.Value).ToArray();
        var parts = new List<string>();
        if (hard.Length == 1)
        {
            parts.Add($"At most {hard[0].Key} characters (about 500 is best)");
        }
        else if (hard.Length > 1)
        {
            parts.Add("At most " + string.Join(", ", hard.Select(g => $"{g.Key} characters on {string.Join(" and ", g.Select(m => m.Name))}"))
                + " (about 500 is best)");
        }

        foreach (var soft in catalog.Models.Where(m => m.MaxPromptLength is null).GroupBy(m => (m.RecommendedMaxCjkCharacters, m.RecommendedMaxWords)))
        {
            var advice = (soft.Key.RecommendedMaxCjkCharacters, soft.Key.RecommendedMaxWords) switch
            {
                ({ } cjk, { } words) => $" but stay under about {cjk} CJK characters or {words} English words",
                ({ } cjk, null) => $" but stay under about {cjk} CJK characters",
                (null, { } words) => $" but stay under about {words} English words",
                _ => string.Empty,
            };
            parts.Add($"on {string.Join(" and ", soft.Select(m => m.Name))} there is no hard limit{advice}");
        }

        return string.Join("; ", parts) + ".";
    }

    /// <summary>The resolutions, and which models render the ones that not every model renders.</summary>
    public static string Resolutions(ModelCatalog catalog)
    {
        var text = $"Resolution: {string.Join(", ", VideoResolutions.All.Take(VideoResolutions.All.Count - 1))} or {VideoResolutions.All[^1]}.";
        var limited = VideoResolutions.All
            .Where(r => !catalog.Models.All(m => m.Resolutions.Contains(r, StringComparer.Ordinal)))
            .GroupBy(r => ModelsRendering(catalog, r))
            .Where(g => g.Key.Length > 0)
            .Select(g => $"{string.Join(" and ", g)} only on {g.Key}")
            .ToArray();
        // "2K" is not offered: say where it falls, so a request for it maps to an offered value.
        text += " There is no 2K: 1080p (Full HD) is the nearest, 4k the next step up.";
        return limited.Length == 0 ? text : $"{text} {string.Join("; ", limited)}.";
    }
}
