using System.Collections.Concurrent;
using Seedance.Agents.Journal;

namespace Seedance.Agents.Tasks;

/// <summary>
/// Where a long video's chain ends short: a failed shot recorded on the film, or, for a film being stopped, kept aside for the
/// stop's summary (its state is the stop's, not a failure), and whether a stop was asked for.
/// </summary>
internal sealed class SequenceStops
{
    // Why a shot of a film being stopped did not make it (its chain writes no failure over the stop; the stop's summary says it).
    private readonly ConcurrentDictionary<string, string> _failuresWhileStopping = new(StringComparer.Ordinal);
    private readonly SequenceJournal _films;

    public SequenceStops(SequenceJournal films)
    {
        _films = films;
    }

    /// <summary>Forgets what an earlier run of the chain of <paramref name="id"/> kept aside.</summary>
    public void Reset(string id) => _failuresWhileStopping.TryRemove(id, out _);

    /// <summary>Records that the chain stops at a failed shot; a film being stopped keeps its state, and the stop's summary says why.</summary>
    public async Task FailAsync(string id, int shot, string problem)
    {
        if (!await _films.FailSequenceAsync(id, shot, problem, CancellationToken.None))
        {
            _failuresWhileStopping[id] = problem;
        }
    }

    /// <summary>The failure kept aside while the film was being stopped, taken once.</summary>
    public string? TakeFailureWhileStopping(string id) => _failuresWhileStopping.TryRemove(id, out var failure) ? failure : null;

    /// <summary>True when stop_long_video asked the film to stop.</summary>
    public async Task<bool> RequestedAsync(string id, CancellationToken cancellationToken) =>
        (await _films.FindSequenceAsync(id, cancellationToken))?.State == SequenceState.Stopping;
}
