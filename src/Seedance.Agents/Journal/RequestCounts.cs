namespace Seedance.Agents.Journal;

/// <summary>
/// Requests counted per caller and minute in the journal, so that a per-caller rate holds across every instance sharing it
/// (PostgreSQL): one upsert per request, answering the caller's count so far this minute. Minutes older than the last one are
/// removed as the minutes turn.
/// </summary>
public sealed class RequestCounts
{
    private readonly JournalDatabase _database;
    private long _sweptMinute;

    /// <summary>The counts kept in <paramref name="database"/>.</summary>
    public RequestCounts(JournalDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>Counts one request of the current caller in <paramref name="minute"/> (Unix minutes); returns their count in it, this one included.</summary>
    public async Task<int> CountAsync(long minute, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _sweptMinute, minute) != minute)
        {
            await _database.ExecuteAsync("DELETE FROM request_counts WHERE minute < $minute", cancellationToken, ("$minute", minute - 1));
        }

        var counts = await _database.ReadRowsAsync("""
            INSERT INTO request_counts (owner, minute, requests) VALUES ($owner, $minute, 1)
            ON CONFLICT (owner, minute) DO UPDATE SET requests = request_counts.requests + 1
            RETURNING requests
            """, r => Convert.ToInt32(r[0], System.Globalization.CultureInfo.InvariantCulture), 1, [("$minute", minute)], cancellationToken);
        return counts.Count == 1 ? counts[0] : 1;
    }
}
