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

    /// <summary>Other ids the same model is known by (such as <c>doubao-seedance-2.5</c> beside <c>seedance-2.5</c>); accepted in <c>model</c>, sent as <see cref="Name"/>.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The shortest shot in seconds.</summary>
    public int MinDuration { get; init; } = 4;

    /// <summary>The longest shot in seconds.</summary>
    public int MaxDuration { get; init; } = 15;

    /// <summary>
    /// When set, <c>duration: -1</c> lets the model choose the length, and the provider charges this many seconds up front
    /// (settled after); estimates and the budget count it. Null: -1 is refused.
    /// </summary>
    public int? AutoDurationSeconds { get; init; }

    /// <summary>The most images in <c>image_urls</c> (or <c>image_with_roles</c>).</summary>
    public int MaxImages { get; init; } = 9;

    /// <summary>The most videos in <c>video_urls</c>.</summary>
    public int MaxVideos { get; init; } = 3;

    /// <summary>The most clips in <c>audio_urls</c>.</summary>
    public int MaxAudios { get; init; } = 3;

    /// <summary>Whether <c>audio_urls</c> may be the only reference (no image or video beside it).</summary>
    public bool AudioOnlyReferences { get; init; }

    /// <summary>The values <c>output_format</c> takes on this model; empty when the model has no such field.</summary>
    public IReadOnlyList<string> OutputFormats { get; init; } = [];

    /// <summary>
    /// The values <c>omni_reference_task_type</c> takes on this model (<c>extend</c>: the provider continues the clip in
    /// <c>video_urls</c> itself); empty when the model has no such field.
    /// </summary>
    public IReadOnlyList<string> ReferenceTaskTypes { get; init; } = [];

    /// <summary>Where the limits above come from (a page, a secondary report, the provider's live schema).</summary>
    public string? LimitsSource { get; init; }

    /// <summary>When the limits were read, as an ISO date (<c>2026-12-03</c>) or month.</summary>
    public string? LimitsCheckedOn { get; init; }

    /// <summary>True while the limits come only from a secondary source, not yet confirmed by the provider.</summary>
    public bool LimitsReported { get; init; }

    /// <summary>The known prices per resolution; a resolution without one has no estimate (never a guess).</summary>
    public IReadOnlyList<ModelPrice> Prices { get; init; } = [];

    /// <summary>Whether <paramref name="id"/> names this model (its name or an alias).</summary>
    public bool IsCalled(string? id) =>
        id is not null && (string.Equals(Name, id, StringComparison.Ordinal) || Aliases.Contains(id, StringComparer.Ordinal));

    /// <summary>Whether <paramref name="seconds"/> is a length this model accepts.</summary>
    public bool AcceptsDuration(int seconds) =>
        (seconds >= MinDuration && seconds <= MaxDuration) || (seconds == -1 && AutoDurationSeconds is not null);

    /// <summary>The seconds a request of <paramref name="seconds"/> is charged up front: -1 counts as <see cref="AutoDurationSeconds"/>.</summary>
    public int BudgetedSeconds(int seconds) => seconds == -1 && AutoDurationSeconds is { } auto ? auto : seconds;

    /// <summary>The allowed lengths in words, such as <c>an integer from 4 to 15 (seconds)</c>.</summary>
    public string DurationText => $"an integer from {MinDuration} to {MaxDuration} (seconds)"
        + (AutoDurationSeconds is { } auto ? $", or -1 to let the model choose (charged as {auto} s up front)" : string.Empty);

    /// <summary>The price at <paramref name="resolution"/>, or null when none is known.</summary>
    public ModelPrice? PriceAt(string? resolution) =>
        Prices.FirstOrDefault(p => string.Equals(p.Resolution, resolution, StringComparison.OrdinalIgnoreCase));
}
