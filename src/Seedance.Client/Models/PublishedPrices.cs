using Seedance.Client.Requests;

namespace Seedance.Client.Models;

/// <summary>
/// The public price figures the default catalogue carries, USD per second of video. They are a reseller's published price
/// code read in May 2026, not the provider's contract: the provider's charge (the task's <c>cost</c>) is what counts,
/// so prices can be overridden in configuration and estimates learn from real charges. Where no figure is known
/// (<c>-mini</c>, <c>4k</c>) there is none here: an estimate then says so rather than guess.
/// </summary>
public static class PublishedPrices
{
    /// <summary>Where the figures come from and when they were read.</summary>
    public const string Source = "reseller price code, May 2026";

    /// <summary><c>doubao-seedance-2.0</c>: 480p, 720p, 1080p (no figure for 4k).</summary>
    public static IReadOnlyList<ModelPrice> Standard { get; } =
    [
        Price(VideoResolutions.P480, 0.0907m),
        Price(VideoResolutions.P720, 0.1952m),
        Price(VideoResolutions.P1080, 0.44m),
    ];

    /// <summary><c>doubao-seedance-2.0-fast</c>: 480p, 720p.</summary>
    public static IReadOnlyList<ModelPrice> Fast { get; } =
    [
        Price(VideoResolutions.P480, 0.073m),
        Price(VideoResolutions.P720, 0.157m),
    ];

    private static ModelPrice Price(string resolution, decimal usdPerSecond) =>
        new() { Resolution = resolution, UsdPerSecond = usdPerSecond, Source = Source };
}
