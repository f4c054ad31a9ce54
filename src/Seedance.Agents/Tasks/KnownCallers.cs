using System.Collections.Concurrent;
using Seedance.Client.Callers;

namespace Seedance.Agents.Tasks;

/// <summary>
/// The callers this process served lately, held in memory only (never stored): background work left behind by another
/// process (a film whose chain lost its holder) can be resumed here only for a caller whose key this process has seen,
/// because the work spends that caller's key. The local user of a one-person host is always known.
/// </summary>
public sealed class KnownCallers
{
    /// <summary>How long a caller stays known after their last request.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromHours(6);

    private readonly ConcurrentDictionary<string, (SeedanceCaller Caller, DateTimeOffset Seen)> _callers = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>An empty registry on <paramref name="time"/>.</summary>
    public KnownCallers(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Notes that <paramref name="caller"/> was served now.</summary>
    public void Remember(SeedanceCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsLocal)
        {
            _callers[caller.Owner] = (caller, _time.GetUtcNow());
        }
    }

    /// <summary>The caller known as <paramref name="owner"/>, or null when this process has not served them lately.</summary>
    public SeedanceCaller? Find(string owner)
    {
        if (owner.Length == 0)
        {
            return SeedanceCaller.Local;
        }

        if (!_callers.TryGetValue(owner, out var known))
        {
            return null;
        }

        if (_time.GetUtcNow() - known.Seen <= Memory)
        {
            return known.Caller;
        }

        _callers.TryRemove(owner, out _);
        return null;
    }
}
