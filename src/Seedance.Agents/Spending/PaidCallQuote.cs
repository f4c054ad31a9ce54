namespace Seedance.Agents.Spending;

/// <summary>What a host shows the user when asking to confirm a paid call: the clip, its price, and today's spend.</summary>
public sealed record PaidCallQuote
{
    /// <summary>The tool making the call (generate_video or extend_video).</summary>
    public required string Tool { get; init; }

    /// <summary>The model.</summary>
    public required string Model { get; init; }

    /// <summary>The clip length in seconds.</summary>
    public required int DurationSeconds { get; init; }

    /// <summary>The resolution.</summary>
    public required string Resolution { get; init; }

    /// <summary>The aspect ratio.</summary>
    public required string Size { get; init; }

    /// <summary>Whether the clip has sound.</summary>
    public required bool GenerateAudio { get; init; }

    /// <summary>The estimate, with its source.</summary>
    public required CostEstimate Estimate { get; init; }

    /// <summary>Today's spend before this call (charged plus pending estimates).</summary>
    public required decimal SpentTodayUsd { get; init; }

    /// <summary>The daily budget, when one is set.</summary>
    public decimal? DailyBudgetUsd { get; init; }

    /// <summary>How many clips the call starts: 1, or the shots of a long video (priced and confirmed together).</summary>
    public int Shots { get; init; } = 1;

    /// <summary>One paragraph for the user: model, length, resolution and price.</summary>
    public string Message => (Shots > 1
            ? $"Start a paid long video of {Shots} shots with {Model}: {DurationSeconds} s in all at {Resolution}, {Size}, {(GenerateAudio ? "with sound" : "no sound")}. "
            : $"Start a paid video with {Model}: {DurationSeconds} s at {Resolution}, {Size}, {(GenerateAudio ? "with sound" : "no sound")}. ")
        + (Estimate.Usd is { } usd
            ? $"Estimated cost {CostEstimate.Money(usd)} ({Estimate.Basis})."
            : $"The price is not known ({Estimate.Basis}).")
        + $" Spent today: {CostEstimate.Money(SpentTodayUsd)}"
        + (DailyBudgetUsd is { } budget ? $" of a {CostEstimate.Money(budget)} daily budget." : ".");
}
