namespace Seedance.Agents.Journal;

/// <summary>
/// Who is doing a piece of background work (a film's chain, a save), so that of several processes sharing the journal exactly
/// one does each piece: a lease is a row naming the work, its holder (this process) and when it lapses. Claiming is one
/// conditional upsert (taken when free, lapsed, or already ours), so two processes cannot both hold it; the holder renews it
/// while it works, and when a process dies its leases lapse and another process takes the work over.
/// </summary>
public sealed class JournalLeases
{
    /// <summary>How long a lease lasts without renewal: another process takes over at most this long after a holder dies.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly JournalDatabase _database;

    /// <summary>The leases kept in <paramref name="database"/>, held under <paramref name="holder"/> (unique per process by default).</summary>
    public JournalLeases(JournalDatabase database, string? holder = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        Holder = holder ?? HolderFor(null);
    }

    /// <summary>
    /// A process's name in its leases: <c>place:pid:nonce</c>, where the place is the machine's name, or the instance's name when
    /// the operator gives one (<c>SEEDANCE_INSTANCE_NAME</c>, as in a container whose host name says nothing). A lease held by a
    /// dead process of the same place is taken at once; one held from another place waits for it to lapse.
    /// </summary>
    public static string HolderFor(string? instanceName) =>
        $"{(string.IsNullOrWhiteSpace(instanceName) ? Environment.MachineName : instanceName.Trim().Replace(':', '_'))}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>This process's name in the leases it holds.</summary>
    public string Holder { get; }

    /// <summary>Takes (or renews) the lease on <paramref name="work"/> for <see cref="Lifetime"/>: false while another live process holds it.</summary>
    public async Task<bool> TryClaimAsync(string work, CancellationToken cancellationToken = default)
    {
        var now = _database.Now();
        var until = now + (long)Lifetime.TotalMilliseconds;
        if (await _database.ExecuteAsync("""
            INSERT INTO leases (name, holder, until) VALUES ($name, $holder, $until)
            ON CONFLICT (name) DO UPDATE SET holder = $holder, until = $until
            WHERE leases.until < $now OR leases.holder = $holder
            """, cancellationToken, ("$name", work), ("$holder", Holder), ("$until", until), ("$now", now)) == 1)
        {
            return true;
        }

        // Held by a process of this machine that is gone (a restart after a crash): no need to wait for the lease to lapse.
        var holders = await _database.ReadRowsAsync("SELECT holder FROM leases WHERE name = $name", r => (string)r[0], 1, [("$name", work)], cancellationToken);
        return holders.Count == 1 && IsDeadHereHolder(holders[0]) && await _database.ExecuteAsync(
            "UPDATE leases SET holder = $holder, until = $until WHERE name = $name AND holder = $dead", cancellationToken,
            ("$name", work), ("$holder", Holder), ("$until", until), ("$dead", holders[0])) == 1;
    }

    // "place:pid:nonce" of a process of this place (this machine, or this named instance restarted) that no longer runs.
    private bool IsDeadHereHolder(string holder)
    {
        var parts = holder.Split(':');
        if (parts.Length != 3 || parts[0] != Holder.Split(':')[0] || !int.TryParse(parts[1], System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var pid) || holder == Holder)
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>Gives the lease on <paramref name="work"/> up (when this process holds it), so another can take the work at once.</summary>
    public Task ReleaseAsync(string work, CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync("DELETE FROM leases WHERE name = $name AND holder = $holder", cancellationToken, ("$name", work), ("$holder", Holder));

    /// <summary>
    /// Films still running (or stopping) whose chain no live process holds, with their owners, oldest first: the work a
    /// process whose holder died left behind. Across owners: the caller decides whose it can resume (it needs their key).
    /// </summary>
    public Task<IReadOnlyList<(string SequenceId, string Owner)>> UnclaimedFilmsAsync(int limit, CancellationToken cancellationToken = default) =>
        _database.ReadRowsAsync("""
            SELECT sequence_id, owner FROM sequences
            WHERE state IN ($running, $stopping)
              AND NOT EXISTS (SELECT 1 FROM leases WHERE name = $prefix || sequence_id AND until >= $now)
            ORDER BY created_at LIMIT $limit
            """, r => ((string)r[0], (string)r[1]), limit,
            [("$running", nameof(SequenceState.Running)), ("$stopping", nameof(SequenceState.Stopping)), ("$prefix", FilmWork(string.Empty)),
             ("$now", _database.Now()), ("$limit", limit)], cancellationToken);

    /// <summary>The name of a film's chain as leased work.</summary>
    public static string FilmWork(string sequenceId) => "film:" + sequenceId;
}
