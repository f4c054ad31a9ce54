using System.ComponentModel;
using System.Text.Json;

namespace Seedance.Agents.Results;

/// <summary>What a paid call would do, without doing it: the checked request, its price, and the exact body that would be sent.</summary>
public sealed record DryRunReport
{
    /// <summary>Always true: nothing was sent.</summary>
    [Description("Always true: nothing was sent, charged or journaled.")]
    public required bool DryRun { get; init; }

    /// <summary>The model.</summary>
    [Description("The model.")]
    public required string Model { get; init; }

    /// <summary>The clip length in seconds.</summary>
    [Description("The clip length in seconds.")]
    public required int Duration { get; init; }

    /// <summary>The resolution.</summary>
    [Description("The resolution.")]
    public required string Resolution { get; init; }

    /// <summary>The estimated cost in USD; absent when no price is known.</summary>
    [Description("The estimated cost in USD; absent when no price is known.")]
    public decimal? EstimatedCostUsd { get; init; }

    /// <summary>Where the estimate came from.</summary>
    [Description("Where the estimate came from: price_table, configured, observed or none.")]
    public required string EstimateSource { get; init; }

    /// <summary>How the estimate was worked out.</summary>
    [Description("How the estimate was worked out.")]
    public required string EstimateBasis { get; init; }

    /// <summary>The JSON body that would be sent to the provider.</summary>
    [Description("The exact JSON body that would be sent.")]
    public required JsonElement RequestBody { get; init; }

    /// <summary>Today's spend so far (charged plus pending estimates).</summary>
    [Description("Today's spend so far in USD: charges plus estimates of unfinished tasks.")]
    public required decimal SpentTodayUsd { get; init; }

    /// <summary>The daily budget, when one is set.</summary>
    [Description("The daily budget in USD, when one is set.")]
    public decimal? DailyBudgetUsd { get; init; }

    /// <summary>Whether a real call would first ask the user to confirm the price (where the client can be asked).</summary>
    [Description("Whether a real call would first ask the user to confirm the price (where the client can be asked).")]
    public required bool WouldAskFirst { get; init; }

    /// <summary>Why a real call would be refused, when it would be.</summary>
    [Description("Why a real call would be refused (the daily budget), when it would be.")]
    public string? WouldBeRefused { get; init; }

    /// <summary>Advice that would not block the request, and notes on what the body leaves out.</summary>
    [Description("Advice that would not block the request, and notes on the body.")]
    public IReadOnlyList<string>? Warnings { get; init; }

    /// <summary>What the model should do next.</summary>
    [Description("What to do next.")]
    public required string NextStep { get; init; }
}
