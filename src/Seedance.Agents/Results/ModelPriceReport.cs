using System.ComponentModel;

namespace Seedance.Agents.Results;

/// <summary>One model's price at one resolution, with where and when the figure was read.</summary>
public sealed record ModelPriceReport
{
    /// <summary>The resolution.</summary>
    [Description("The resolution this price is for.")]
    public required string Resolution { get; init; }

    /// <summary>USD per second of video.</summary>
    [Description("USD per second of video.")]
    public required decimal UsdPerSecond { get; init; }

    /// <summary>USD per second with a reference video, where it differs.</summary>
    [Description("USD per second when the request has a reference video, where it differs.")]
    public decimal? UsdPerSecondWithVideo { get; init; }

    /// <summary>Where the figure comes from.</summary>
    [Description("Where the figure comes from: the provider's pricing, a published price list, or a secondary report.")]
    public string? Source { get; init; }

    /// <summary>When it was read.</summary>
    [Description("When the figure was read (date or month).")]
    public string? CheckedOn { get; init; }
}
