using Seedance.Agents.Journal;
using Seedance.Agents.Tools;

namespace Seedance.Agents.Spending;

/// <summary>
/// Keeps paid calls within the settings: today's spend from the journal, the daily budget (checked before asking, and
/// again inside the journal transaction that writes the call's row, so no two calls, in this process or another sharing
/// the journal, can both spend the last dollars), and whether the user must be asked first. A call with no estimate counts
/// at <see cref="CostEstimate.Counted"/>; a film holds its whole estimate while it runs and releases what its shots did not spend.
/// </summary>
internal sealed class SpendGuard
{
    private readonly TaskJournal _journal;
    private readonly SequenceJournal _films;
    private readonly SeedanceAgentOptions _options;
    private readonly TimeProvider _time;

    public SpendGuard(TaskJournal journal, SequenceJournal films, SeedanceAgentOptions options, TimeProvider time)
    {
        _journal = journal;
        _films = films;
        _options = options;
        _time = time;
    }

    public decimal? DailyBudget => _options.DailyBudgetUsd;

    public decimal? ConfirmAbove => _options.ConfirmAboveUsd;

    /// <summary>Today's spend: charges of tasks created since local midnight, plus what those not charged yet and running films hold.</summary>
    public async Task<DailySpend> TodayAsync(CancellationToken cancellationToken)
    {
        var since = StartOfToday();
        var entries = await _journal.CreatedSinceAsync(since, cancellationToken);
        var films = await _films.SequencesCreatedSinceAsync(since, cancellationToken);
        return Spend(since, entries, films, exceptFilm: null);
    }

    /// <summary>
    /// Today's spend from the rows created since <paramref name="since"/>: charges, the held amounts of tasks not charged
    /// yet, and what each running film still holds (its reservation less what its shots hold or were charged), except
    /// <paramref name="exceptFilm"/>'s (a shot of that film spends from its reservation).
    /// </summary>
    public static DailySpend Spend(DateTimeOffset since, IReadOnlyList<JournalEntry> entries, IReadOnlyList<SequenceEntry> films, string? exceptFilm)
    {
        decimal charged = 0, pending = 0;
        foreach (var entry in entries)
        {
            if (entry.Cost is { } cost)
            {
                charged += cost;
            }
            else if (entry.State is not (JournalState.Failed or JournalState.Cancelled))
            {
                pending += Held(entry);
            }
        }

        foreach (var film in films)
        {
            if (film.State is not (SequenceState.Running or SequenceState.Stopping) || film.SequenceId == exceptFilm
                || (film.ReservedCost ?? film.EstimatedCost) is not { } reserved)
            {
                continue;
            }

            var used = entries.Where(e => e.SequenceId == film.SequenceId && e.State is not (JournalState.Failed or JournalState.Cancelled))
                .Sum(e => e.Cost ?? Held(e));
            pending += Math.Max(0, reserved - used);
        }

        return new DailySpend(since, charged, pending, entries.Count);
    }

    private static decimal Held(JournalEntry entry) => entry.ReservedCost ?? entry.EstimatedCost ?? 0;

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
    public ToolErrorException? OverBudget(string tool, CostEstimate estimate, DailySpend spend) =>
        _options.DailyBudgetUsd is { } budget && estimate.Counted is { } usd && spend.Total + usd > budget
            ? ToolErrorException.OverBudget(tool, budget, spend.Total, usd, estimate.Usd is null)
            : null;

    /// <summary>
    /// The budget check the journal runs in the transaction that writes the call's row (null when no budget is set);
    /// a shot of film <paramref name="film"/> spends from that film's reservation.
    /// </summary>
    public SpendAdmission? Admission(string tool, CostEstimate estimate, string? film = null) =>
        _options.DailyBudgetUsd is null
            ? null
            : new SpendAdmission(StartOfToday(), (entries, films) => EnsureWithinBudget(tool, estimate, Spend(StartOfToday(), entries, films, film)));

    private DateTimeOffset StartOfToday()
    {
        var zone = _time.LocalTimeZone;
        var local = TimeZoneInfo.ConvertTime(_time.GetUtcNow(), zone);
        return new DateTimeOffset(local.Date, zone.GetUtcOffset(local.Date));
    }
}
