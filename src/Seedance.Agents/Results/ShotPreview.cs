using System.ComponentModel;
using System.Text.Json;

namespace Seedance.Agents.Results;

/// <summary>One shot of a long video's dry run: its price and the body that would be sent.</summary>
public sealed record ShotPreview
{
    /// <summary>The shot, from 1.</summary>
    [Description("The shot, from 1.")]
    public required int Shot { get; init; }

    /// <summary>Its length in seconds.</summary>
    [Description("Its length in seconds.")]
    public required int Duration { get; init; }

    /// <summary>Its estimate in USD; absent when no price is known.</summary>
    [Description("Its estimated cost in USD; absent when no price is known.")]
    public decimal? EstimatedCostUsd { get; init; }

    /// <summary>How the estimate was worked out.</summary>
    [Description("How the estimate was worked out.")]
    public required string EstimateBasis { get; init; }

    /// <summary>The body that would be sent; later shots show a placeholder for the previous shot's last frame.</summary>
    [Description("The exact JSON body that would be sent; shots after the first show a placeholder where the previous shot's last frame goes.")]
    public required JsonElement RequestBody { get; init; }
}
