using System.ComponentModel;

namespace Seedance.Agents.Results;

/// <summary>A price the user must confirm before a paid call is sent, with the id that confirms it (bound to the exact request).</summary>
public sealed record QuoteReport
{
    /// <summary>The id to pass back as <c>confirm_quote</c> once the user said yes.</summary>
    [Description("Pass this as confirm_quote, with the same arguments, once the user agreed to the price. Single use; valid 10 minutes.")]
    public required string QuoteId { get; init; }

    /// <summary>The model.</summary>
    [Description("The model.")]
    public required string Model { get; init; }

    /// <summary>The clip length (all shots of a film) in seconds.</summary>
    [Description("The length in seconds (all shots of a long video together).")]
    public required int DurationSeconds { get; init; }

    /// <summary>The resolution.</summary>
    [Description("The resolution.")]
    public required string Resolution { get; init; }

    /// <summary>How many clips the call starts.</summary>
    [Description("How many paid clips the call starts.")]
    public required int Shots { get; init; }

    /// <summary>The estimate in USD; absent when no price is known.</summary>
    [Description("The estimated cost in USD; absent when no price is known.")]
    public decimal? EstimatedCostUsd { get; init; }

    /// <summary>How the estimate was worked out.</summary>
    [Description("How the estimate was worked out.")]
    public required string EstimateBasis { get; init; }

    /// <summary>When the quote stops being accepted.</summary>
    [Description("When the quote expires.")]
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The question to put to the user, in one paragraph.</summary>
    [Description("The question to show the user.")]
    public required string Message { get; init; }
}
