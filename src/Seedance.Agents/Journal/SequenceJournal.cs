using System.Globalization;

namespace Seedance.Agents.Journal;

/// <summary>
/// The long videos (sequences of shots) in the journal file: the <c>sequences</c> table, and which task rows are a film's shots.
/// Stopping is a state here: while a sequence is stopping, <see cref="TaskJournal"/> refuses to journal (so to send) its shots.
/// </summary>
public sealed class SequenceJournal
{
    private readonly JournalDatabase _database;

    /// <summary>The sequences kept in <paramref name="database"/>.</summary>
    public SequenceJournal(JournalDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>Records a new sequence (a long video) before its first shot is sent.</summary>
    public Task CreateSequenceAsync(SequenceEntry sequence, CancellationToken cancellationToken = default) =>
        CreateSequenceAsync(sequence, admission: null, cancellationToken);

    /// <summary>Records a new sequence once <paramref name="admission"/> passed on today's rows, in one transaction with the check.</summary>
    internal Task CreateSequenceAsync(SequenceEntry sequence, SpendAdmission? admission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var now = _database.Now();
        return _database.AdmitAsync(admission, """
            INSERT INTO sequences (sequence_id, created_at, updated_at, plan_json, shot_count, state, estimated_cost, reserved_cost, owner)
            VALUES ($id, $now, $now, $plan, $count, $state, $estimate, $reserved, $owner)
            """, cancellationToken, ("$id", sequence.SequenceId), ("$now", now), ("$plan", sequence.PlanJson), ("$count", sequence.ShotCount),
            ("$state", sequence.State.ToString()), ("$estimate", sequence.EstimatedCost?.ToString(CultureInfo.InvariantCulture)),
            ("$reserved", sequence.ReservedCost?.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Every sequence created at or after <paramref name="since"/>, for today's spend.</summary>
    public Task<IReadOnlyList<SequenceEntry>> SequencesCreatedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        QuerySequencesAsync("SELECT * FROM sequences WHERE created_at >= $since AND owner = $owner", cancellationToken, ("$since", since.ToUnixTimeMilliseconds()));

    /// <summary>The sequence <paramref name="sequenceId"/>, or null.</summary>
    public async Task<SequenceEntry?> FindSequenceAsync(string sequenceId, CancellationToken cancellationToken = default)
    {
        var found = await QuerySequencesAsync("SELECT * FROM sequences WHERE sequence_id = $id AND owner = $owner", cancellationToken, ("$id", sequenceId));
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>The newest sequences first, optionally only those in <paramref name="state"/>.</summary>
    public Task<IReadOnlyList<SequenceEntry>> ListSequencesAsync(int limit, SequenceState? state = null, CancellationToken cancellationToken = default) =>
        state is { } only
            ? QuerySequencesAsync("SELECT * FROM sequences WHERE state = $state AND owner = $owner ORDER BY created_at DESC, rowid DESC LIMIT $limit", cancellationToken,
                ("$state", only.ToString()), ("$limit", limit))
            : QuerySequencesAsync("SELECT * FROM sequences WHERE owner = $owner ORDER BY created_at DESC, rowid DESC LIMIT $limit", cancellationToken, ("$limit", limit));

    /// <summary>The task entries of a sequence's shots that were submitted, in shot order.</summary>
    public Task<IReadOnlyList<JournalEntry>> ShotsAsync(string sequenceId, CancellationToken cancellationToken = default) =>
        _database.ReadRowsAsync("SELECT * FROM tasks WHERE sequence_id = $id AND owner = $owner ORDER BY shot", JournalRows.Task, 16, [("$id", sequenceId)], cancellationToken);

    /// <summary>Records where a sequence stands; the film fields and the problem are replaced by the given ones.</summary>
    public Task UpdateSequenceAsync(string sequenceId, SequenceState state, string? filmPath = null, double? filmSeconds = null, string? stitchMethod = null,
        string? stitchCommand = null, int? failedShot = null, string? problem = null, CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync("""
            UPDATE sequences SET state = $state, film_path = $film, film_seconds = $seconds, stitch_method = $method, stitch_command = $command,
                                 failed_shot = $shot, problem = $problem, updated_at = $now
            WHERE sequence_id = $id AND owner = $owner
            """, cancellationToken, ("$state", state.ToString()), ("$film", filmPath), ("$seconds", filmSeconds), ("$method", stitchMethod),
            ("$command", stitchCommand), ("$shot", failedShot), ("$problem", problem), ("$now", _database.Now()), ("$id", sequenceId));

    /// <summary>
    /// Asks a running sequence to stop: from now on none of its shots can be journaled, so none is sent. False when it was not
    /// running (already finished, failed, stopping or stopped).
    /// </summary>
    public async Task<bool> RequestStopAsync(string sequenceId, CancellationToken cancellationToken = default) =>
        await _database.ExecuteAsync("""
            UPDATE sequences SET state = $stopping, updated_at = $now
            WHERE sequence_id = $id AND owner = $owner AND state = $running AND (SELECT COUNT(*) FROM tasks WHERE sequence_id = $id) < shot_count
            """, cancellationToken,
            ("$stopping", nameof(SequenceState.Stopping)), ("$now", _database.Now()), ("$id", sequenceId), ("$running", nameof(SequenceState.Running))) > 0;

    /// <summary>
    /// Ends a stopping sequence as the film of its first <paramref name="shotCount"/> shots (the plan is cut to them, and a shot
    /// past them, one that failed after the stop, no longer belongs to it, so the film can be extended from its last shot).
    /// </summary>
    public Task FinishStoppedAsync(string sequenceId, int shotCount, string planJson, string? filmPath, double? filmSeconds, string? stitchMethod,
        string? stitchCommand, string problem, CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync("""
            UPDATE sequences SET state = $state, shot_count = $count, plan_json = $plan, film_path = $film, film_seconds = $seconds,
                                 stitch_method = $method, stitch_command = $command, failed_shot = NULL, problem = $problem, updated_at = $now
            WHERE sequence_id = $id AND owner = $owner AND state = $stopping;
            UPDATE tasks SET sequence_id = NULL, shot = NULL
            WHERE sequence_id = $id AND owner = $owner AND shot > $count AND (SELECT state FROM sequences WHERE sequence_id = $id AND owner = $owner) = $state;
            """, cancellationToken, ("$state", nameof(SequenceState.Stopped)), ("$count", shotCount), ("$plan", planJson), ("$film", filmPath),
            ("$seconds", filmSeconds), ("$method", stitchMethod), ("$command", stitchCommand), ("$problem", problem), ("$now", _database.Now()), ("$id", sequenceId),
            ("$stopping", nameof(SequenceState.Stopping)));

    /// <summary>Records that a running sequence stopped at a failed shot; false when it is not running (being stopped, say).</summary>
    public async Task<bool> FailSequenceAsync(string sequenceId, int shot, string problem, CancellationToken cancellationToken = default) =>
        await _database.ExecuteAsync("""
            UPDATE sequences SET state = $failed, film_path = NULL, film_seconds = NULL, stitch_method = NULL, stitch_command = NULL,
                                 failed_shot = $shot, problem = $problem, updated_at = $now
            WHERE sequence_id = $id AND owner = $owner AND state = $running
            """, cancellationToken, ("$failed", nameof(SequenceState.Failed)), ("$shot", shot), ("$problem", problem), ("$now", _database.Now()),
            ("$id", sequenceId), ("$running", nameof(SequenceState.Running))) > 0;

    /// <summary>Notes why a sequence's chain paused, leaving its state (running or stopping) as it is.</summary>
    public Task NoteSequenceProblemAsync(string sequenceId, string problem, CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync("UPDATE sequences SET problem = $problem, updated_at = $now WHERE sequence_id = $id AND owner = $owner", cancellationToken,
            ("$problem", problem), ("$now", _database.Now()), ("$id", sequenceId));

    /// <summary>Adds one shot to a finished sequence (extend_video continued it) and sets it running again, so the film is made anew.</summary>
    public Task AddShotAsync(string sequenceId, int shotCount, CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync("UPDATE sequences SET shot_count = MAX(shot_count, $count), state = $state, failed_shot = NULL, problem = NULL, updated_at = $now WHERE sequence_id = $id AND owner = $owner",
            cancellationToken, ("$count", shotCount), ("$state", nameof(SequenceState.Running)), ("$now", _database.Now()), ("$id", sequenceId));

    private Task<IReadOnlyList<SequenceEntry>> QuerySequencesAsync(string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters) =>
        _database.ReadRowsAsync(sql, JournalRows.Sequence, 16, parameters, cancellationToken);
}
