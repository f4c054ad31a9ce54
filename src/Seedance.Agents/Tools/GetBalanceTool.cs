using Seedance.Agents.Parameters;
using Seedance.Agents.Results;
using Seedance.Agents.Spending;
using Seedance.Client;
using Seedance.Client.Models;

namespace Seedance.Agents.Tools;

/// <summary>get_balance: the provider's account balance (free, read-only) beside today's spend from the journal.</summary>
internal sealed class GetBalanceTool : ISeedanceTool
{
    private readonly SeedanceClient _client;
    private readonly SpendGuard _guard;

    public GetBalanceTool(SeedanceClient client, SpendGuard guard)
    {
        _client = client;
        _guard = guard;
    }

    public ParameterTable Parameters => ToolParameters.Balance;

    public string Name => ToolNames.GetBalance;

    public static SeedanceToolDefinition Define(ModelCatalog catalog) => new()
    {
        Name = ToolNames.GetBalance,
        Title = "Account balance and today's spend",
        Description =
            "Show the account's remaining balance (and what it has used) from the provider, with today's spend from this machine's "
            + "journal: charged costs plus estimates of tasks not charged yet, and the daily budget when one is set. Free and read-only. "
            + "Not needed before a paid call: the paid tools price every call, ask the user when the price calls for it and keep to the "
            + "budget themselves. Use it when the user asks about balance or spend, or after a call was refused for payment or budget.",
        InputSchema = ParameterSchema.Write(ToolParameters.Balance, catalog),
        OutputSchema = OutputSchemas.Balance,
        ReadOnly = true,
        Idempotent = true,
        OpenWorld = true,
    };

    public async Task<ToolOutcome> InvokeAsync(ToolArguments read, ToolCall call)
    {
        var cancellationToken = call.CancellationToken;
        var today = await _guard.TodayAsync(cancellationToken);
        var balance = await _client.GetBalanceAsync(cancellationToken);
        var budget = _guard.DailyBudget;
        var left = budget is { } b ? Math.Max(0, b - today.Total) : (decimal?)null;
        return ToolOutcomes.Success(new BalanceReport
        {
            RemainingUsd = balance.Remaining,
            UsedUsd = balance.Used,
            UnlimitedQuota = balance.UnlimitedQuota,
            SpentTodayUsd = today.Total,
            ChargedTodayUsd = today.Charged,
            PendingEstimatesUsd = today.Pending,
            TasksToday = today.Tasks,
            DailyBudgetUsd = budget,
            BudgetLeftUsd = left,
            ConfirmAboveUsd = _guard.ConfirmAbove,
            NextStep = !balance.UnlimitedQuota && balance.Remaining <= 0
                ? "The balance is used up: paid calls will be refused until the user tops up the account."
                : left is 0
                    ? "Today's budget is used up: paid calls are refused until tomorrow unless the user raises the budget."
                    : "Pass dry_run true to generate_video to price a request before starting it.",
        });
    }
}
