namespace Seedance.Client.Models;

/// <summary>What one model accepts. The provider adds models, so this is data that options can extend.</summary>
public sealed record ModelInfo
{
    /// <summary>The model name sent in <c>model</c>.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The resolutions this model renders.</summary>
    public IReadOnlyList<string> Resolutions { get; init; } = [];

    /// <summary>Whether <c>asset://</c> URLs may be used with this model.</summary>
    public bool SupportsAssetUrls { get; init; }

    /// <summary>The hard prompt limit in characters, or null when the model has none.</summary>
    public int? MaxPromptLength { get; init; } = 4000;

    /// <summary>Above this many CJK characters the prompt gets a warning (models without a hard limit).</summary>
    public int? RecommendedMaxCjkCharacters { get; init; }

    /// <summary>Above this many words the prompt gets a warning (models without a hard limit).</summary>
    public int? RecommendedMaxWords { get; init; }

    /// <summary>A short line on what the model is for, shown to people and models.</summary>
    public string? Summary { get; init; }

    /// <summary>The known prices per resolution; a resolution without one has no estimate (never a guess).</summary>
    public IReadOnlyList<ModelPrice> Prices { get; init; } = [];

    /// <summary>The price at <paramref name="resolution"/>, or null when none is known.</summary>
    public ModelPrice? PriceAt(string? resolution) =>
        Prices.FirstOrDefault(p => string.Equals(p.Resolution, resolution, StringComparison.OrdinalIgnoreCase));
}
