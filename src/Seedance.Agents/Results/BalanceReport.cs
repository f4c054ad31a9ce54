using System.ComponentModel;

namespace Seedance.Agents.Results;

/// <summary>The account's balance from the provider, and today's spend from this machine's journal.</summary>
public sealed record BalanceReport
{
    /// <summary>What is left to spend, in USD.</summary>
    [Description("What is left to spend on the account, in USD.")]
    public required decimal RemainingUsd { get; init; }

    /// <summary>What the account has spent, in USD, when the provider says.</summary>
    [Description("What the account has spent, in USD.")]
    public decimal? UsedUsd { get; init; }

    /// <summary>True when the account has no limit.</summary>
    [Description("True when the account has no spending limit.")]
    public required bool UnlimitedQuota { get; init; }

    /// <summary>Today's spend: charged plus pending estimates.</summary>
    [Description("Today's spend from this machine's journal, in USD: charged costs plus estimates of tasks not charged yet.")]
    public required decimal SpentTodayUsd { get; init; }

    /// <summary>What today's tasks were charged.</summary>
    [Description("What today's tasks were charged, in USD.")]
    public required decimal ChargedTodayUsd { get; init; }

    /// <summary>The estimates of today's tasks not charged yet.</summary>
    [Description("The estimates of today's tasks that are not charged yet, in USD.")]
    public required decimal PendingEstimatesUsd { get; init; }

    /// <summary>How many tasks were created today.</summary>
    [Description("How many tasks were started today.")]
    public required int TasksToday { get; init; }

    /// <summary>The daily budget, when one is set.</summary>
    [Description("The daily budget in USD, when one is set.")]
    public decimal? DailyBudgetUsd { get; init; }

    /// <summary>What is left of today's budget.</summary>
    [Description("What is left of today's budget, in USD.")]
    public decimal? BudgetLeftUsd { get; init; }

    /// <summary>Paid calls estimated at this or more are confirmed with the user first.</summary>
    [Description("Paid calls estimated at this many USD or more are confirmed with the user first (where the client can be asked).")]
    public decimal? ConfirmAboveUsd { get; init; }

    /// <summary>What the model should do next.</summary>
    [Description("What to do next.")]
    public required string NextStep { get; init; }
}
