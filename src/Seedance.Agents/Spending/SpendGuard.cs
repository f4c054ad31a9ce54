using Seedance.Agents.Journal;
using Seedance.Agents.Tools;

namespace Seedance.Agents.Spending;

/// <summary>
/// Keeps paid calls within the settings: today's spend from the journal, the daily budget (checked before asking, and
/// again under one gate right before the task is journaled, so two calls in this process cannot both spend the last
/// dollars), and whether the user must be asked first.
/// </summary>
internal sealed class SpendGuard : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskJournal _journal;
    private readonly SeedanceAgentOptions _options;
    private readonly TimeProvider _time;

    public SpendGuard(TaskJournal journal, SeedanceAgentOptions options, TimeProvider time)
    {
        _journal = journal;
        _options = options;
        _time = time;
    }

    public decimal? DailyBudget => _options.DailyBudgetUsd;

    public decimal? ConfirmAbove => _options.ConfirmAboveUsd;

    /// <summary>Today's spend: charges of tasks created since local midnight, plus the estimates of those not charged yet.</summary>
    public async Task<DailySpend> TodayAsync(CancellationToken cancellationToken)
    {
        var zone = _time.LocalTimeZone;
        var local = TimeZoneInfo.ConvertTime(_time.GetUtcNow(), zone);
        var since = new DateTimeOffset(local.Date, zone.GetUtcOffset(local.Date));
        decimal charged = 0, pending = 0;
        var entries = await _journal.CreatedSinceAsync(since, cancellationToken);
        foreach (var entry in entries)
        {
            if (entry.Cost is { } cost)
            {
                charged += cost;
            }
            else if (entry.State is not (JournalState.Failed or JournalState.Cancelled))
            {
                pending += entry.EstimatedCost ?? 0;
            }
        }

        return new DailySpend(since, charged, pending, entries.Count);
    }

    /// <summary>True when the user should be asked before sending: confirmation is on and the estimate reaches it or is unknown.</summary>
    public bool ShouldAsk(CostEstimate estimate) => _options.ConfirmAboveUsd is { } threshold && (estimate.Usd is not { } usd || usd >= threshold);

    /// <summary>Refuses (as a tool error) a call whose estimate would take today's spend over the daily budget.</summary>
    public void EnsureWithinBudget(string tool, CostEstimate estimate, DailySpend spend)
    {
        if (OverBudget(tool, estimate, spend) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <summary>The refusal a call with <paramref name="estimate"/> would meet today, or null when it fits (or no budget is set).</summary>
    public ToolFailure? OverBudget(string tool, CostEstimate estimate, DailySpend spend) =>
        _options.DailyBudgetUsd is { } budget && estimate.Usd is { } usd && spend.Total + usd > budget
            ? ToolFailure.OverBudget(tool, budget, spend.Total, usd)
            : null;

    /// <summary>Waits for the gate, checks the budget once more with today's spend as it is now, and holds the gate until disposed.</summary>
    public async Task<IDisposable> HoldAsync(string tool, CostEstimate estimate, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        var release = new Release(_gate);
        try
        {
            if (_options.DailyBudgetUsd is not null)
            {
                EnsureWithinBudget(tool, estimate, await TodayAsync(cancellationToken));
            }

            return release;
        }
        catch
        {
            release.Dispose();
            throw;
        }
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
