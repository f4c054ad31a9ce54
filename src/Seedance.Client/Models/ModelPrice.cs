namespace Seedance.Client.Models;

/// <summary>What one model charges per second of video at one resolution, and where that figure comes from.</summary>
public sealed record ModelPrice
{
    /// <summary>The resolution the price is for, e.g. <c>720p</c>.</summary>
    public string Resolution { get; init; } = string.Empty;

    /// <summary>USD per second of video.</summary>
    public decimal UsdPerSecond { get; init; }

    /// <summary>USD per second when <c>generate_audio</c> is true, where it differs; null when sound costs the same.</summary>
    public decimal? UsdPerSecondWithAudio { get; init; }

    /// <summary>USD per second when the request has a reference video (<c>video_urls</c>), where it differs.</summary>
    public decimal? UsdPerSecondWithVideo { get; init; }

    /// <summary>When the figure was read, as an ISO date or month.</summary>
    public string? CheckedOn { get; init; }

    /// <summary>Where the figure comes from and when it was read, shown beside every estimate made from it.</summary>
    public string? Source { get; init; }

    /// <summary>The rate for a clip with or without sound.</summary>
    public decimal RateFor(bool generateAudio) => generateAudio && UsdPerSecondWithAudio is { } audio ? audio : UsdPerSecond;

    /// <summary>The rate for a clip with or without sound and with or without a reference video.</summary>
    public decimal RateFor(bool generateAudio, bool withVideo) =>
        withVideo && UsdPerSecondWithVideo is { } video ? video : RateFor(generateAudio);
}
