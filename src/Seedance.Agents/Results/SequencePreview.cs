using System.ComponentModel;

namespace Seedance.Agents.Results;

/// <summary>What generate_long_video would do, without doing it: every shot priced, the total, and whether it would ask or be refused.</summary>
public sealed record SequencePreview
{
    /// <summary>Always true: nothing was sent.</summary>
    [Description("Always true: nothing was sent, charged or journaled.")]
    public required bool DryRun { get; init; }

    /// <summary>The model of every shot.</summary>
    [Description("The model of every shot.")]
    public required string Model { get; init; }

    /// <summary>The resolution of every shot.</summary>
    [Description("The resolution of every shot.")]
    public required string Resolution { get; init; }

    /// <summary>The film's length: the shots' lengths added up.</summary>
    [Description("The film's length in seconds: the shots' lengths added up.")]
    public required int TotalDuration { get; init; }

    /// <summary>Each shot, priced.</summary>
    [Description("Each shot with its price and body.")]
    public required IReadOnlyList<ShotPreview> Shots { get; init; }

    /// <summary>The estimate of every shot together; absent when a shot has no price.</summary>
    [Description("The estimated cost of all shots together in USD; absent when a shot's price is not known.")]
    public decimal? EstimatedCostUsd { get; init; }

    /// <summary>Where the estimates came from.</summary>
    [Description("Where the estimates came from: price_table, configured, observed or none.")]
    public required string EstimateSource { get; init; }

    /// <summary>Today's spend so far.</summary>
    [Description("Today's spend so far in USD: charges plus estimates of unfinished tasks.")]
    public required decimal SpentTodayUsd { get; init; }

    /// <summary>The daily budget, when one is set.</summary>
    [Description("The daily budget in USD, when one is set.")]
    public decimal? DailyBudgetUsd { get; init; }

    /// <summary>Whether a real call would first ask the user to confirm the total.</summary>
    [Description("Whether a real call would first ask the user to confirm the total price (once, for all shots).")]
    public required bool WouldAskFirst { get; init; }

    /// <summary>Why a real call would be refused, when it would be.</summary>
    [Description("Why a real call would be refused (the daily budget), when it would be.")]
    public string? WouldBeRefused { get; init; }

    /// <summary>Advice and notes.</summary>
    [Description("Advice that would not block the request, and notes on the bodies.")]
    public IReadOnlyList<string>? Warnings { get; init; }

    /// <summary>What the model should do next.</summary>
    [Description("What to do next.")]
    public required string NextStep { get; init; }
}
