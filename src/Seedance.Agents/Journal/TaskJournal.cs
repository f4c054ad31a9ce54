using System.Globalization;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Journal;

/// <summary>
/// The local record of every submitted task (the <c>tasks</c> table of the journal file, see <see cref="JournalDatabase"/>).
/// Written before a submit is sent and after it is answered, and updated on every status check, so a task that
/// was paid for is never lost, even when a client forgets its id or a call is cut off.
/// </summary>
public sealed class TaskJournal
{
    private readonly JournalDatabase _database;

    /// <summary>The tasks kept in <paramref name="database"/>.</summary>
    public TaskJournal(JournalDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>Opens (lazily) the journal at <paramref name="path"/>.</summary>
    public TaskJournal(string path, TimeProvider? timeProvider = null)
        : this(new JournalDatabase(path, timeProvider))
    {
    }

    /// <summary>The database file (or the database's URL, without its password).</summary>
    public string Path => _database.Path;

    /// <summary>False while the journal file has not been made yet; always true for a database server.</summary>
    public bool Exists => _database.Exists;

    /// <summary>Creates the file and its table if needed and checks it is usable; throws <see cref="TaskJournalException"/> if not.</summary>
    public void EnsureReady() => _database.EnsureReady();

    /// <summary>Records a submit about to be sent, under a placeholder id, with the estimate quoted before it was sent.</summary>
    public Task RecordSubmittingAsync(string placeholderId, string requestJson, string? model, string? prompt, string? parentTaskId,
        string idempotencyKey, CancellationToken cancellationToken = default) =>
        RecordSubmittingAsync(placeholderId, requestJson, model, prompt, parentTaskId, idempotencyKey, estimate: null, cancellationToken);

    /// <summary>Records a submit about to be sent, under a placeholder id, with the estimate quoted before it was sent.</summary>
    public Task RecordSubmittingAsync(string placeholderId, string requestJson, string? model, string? prompt, string? parentTaskId,
        string idempotencyKey, Spending.CostEstimate? estimate, CancellationToken cancellationToken = default) =>
        RecordSubmittingAsync(placeholderId, requestJson, model, prompt, parentTaskId, idempotencyKey, estimate, sequenceId: null, shot: null,
            cancellationToken);

    /// <summary>
    /// Records a submit about to be sent, as shot <paramref name="shot"/> of sequence <paramref name="sequenceId"/> when given.
    /// Fails (nothing is sent then) when that shot already has a row: each shot is submitted once.
    /// </summary>
    public Task RecordSubmittingAsync(string placeholderId, string requestJson, string? model, string? prompt, string? parentTaskId,
        string idempotencyKey, Spending.CostEstimate? estimate, string? sequenceId, int? shot, CancellationToken cancellationToken = default) =>
        RecordSubmittingAsync(placeholderId, requestJson, model, prompt, parentTaskId, idempotencyKey, estimate, sequenceId, shot, admission: null,
            cancellationToken);

    /// <summary>
    /// Records a submit about to be sent, after <paramref name="admission"/> passed on today's rows read in the same
    /// transaction (so two processes sharing the journal cannot both pass it on the same spend). Fails, and nothing is sent,
    /// when the admission refuses, when the shot already has a row, or when its film is being stopped.
    /// </summary>
    internal async Task RecordSubmittingAsync(string placeholderId, string requestJson, string? model, string? prompt, string? parentTaskId,
        string idempotencyKey, Spending.CostEstimate? estimate, string? sequenceId, int? shot, SpendAdmission? admission,
        CancellationToken cancellationToken = default)
    {
        // A shot is not written while its sequence is stopping: the same statement that would journal it checks, so a stop
        // and the next shot's submit are ordered by the journal, and a stop that landed first means that shot is never sent.
        var now = _database.Now();
        var written = await _database.AdmitAsync(admission, """
            INSERT INTO tasks (task_id, created_at, updated_at, parent_task_id, request_json, model, prompt, state, idempotency_key,
                               estimated_cost, estimate_source, estimate_basis, sequence_id, shot, reserved_cost, owner)
            SELECT $id, $now, $now, $parent, $request, $model, $prompt, $state, $key, $estimate, $source, $basis, $sequence, $shot, $reserved, $owner
            WHERE $sequence IS NULL OR NOT EXISTS (SELECT 1 FROM sequences WHERE sequence_id = $sequence AND state = $stopping)
            """, cancellationToken,
            ("$id", placeholderId), ("$now", now), ("$parent", parentTaskId), ("$request", requestJson), ("$model", model),
            ("$prompt", prompt), ("$state", nameof(JournalState.Submitting)), ("$key", idempotencyKey),
            ("$estimate", estimate?.Usd?.ToString(CultureInfo.InvariantCulture)), ("$source", estimate?.Source), ("$basis", estimate?.Basis),
            ("$sequence", sequenceId), ("$shot", shot), ("$stopping", nameof(SequenceState.Stopping)),
            ("$reserved", estimate?.Counted?.ToString(CultureInfo.InvariantCulture)));
        if (written == 0)
        {
            throw new TaskJournalException($"Shot {shot} of {sequenceId} was not sent: the long video is being stopped.");
        }
    }

    /// <summary>
    /// The real charges of succeeded tasks of <paramref name="model"/> (newest first, at most <paramref name="limit"/>),
    /// each with the request body it was sent with, so rates per second can be learnt from them.
    /// </summary>
    public async Task<IReadOnlyList<(string RequestJson, decimal Cost)>> ChargesAsync(string model, int limit, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync("""
            SELECT * FROM tasks WHERE model = $model AND state = $state AND cost IS NOT NULL AND owner = $owner
            ORDER BY updated_at DESC LIMIT $limit
            """, limit, cancellationToken, ("$model", model), ("$state", nameof(JournalState.Succeeded)), ("$limit", limit));
        return rows.Where(r => r.Cost is > 0).Select(r => (r.RequestJson, r.Cost!.Value)).ToArray();
    }

    /// <summary>Every entry created at or after <paramref name="since"/>, for today's spend.</summary>
    public Task<IReadOnlyList<JournalEntry>> CreatedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT * FROM tasks WHERE created_at >= $since AND owner = $owner ORDER BY created_at", 100, cancellationToken,
            ("$since", since.ToUnixTimeMilliseconds()));

    /// <summary>
    /// Turns the placeholder into the provider's task id once the submit was accepted. When the id is already in the
    /// journal (a status check recorded it first, or a replay answered with a known task), that row takes the request
    /// and the placeholder goes.
    /// </summary>
    public async Task ConfirmSubmittedAsync(string placeholderId, string taskId, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _database.OpenReadyAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            const string Merge = """
                UPDATE tasks SET
                    request_json = (SELECT request_json FROM tasks WHERE task_id = $id AND owner = $owner),
                    model = COALESCE(model, (SELECT model FROM tasks WHERE task_id = $id AND owner = $owner)),
                    prompt = COALESCE(prompt, (SELECT prompt FROM tasks WHERE task_id = $id AND owner = $owner)),
                    parent_task_id = COALESCE(parent_task_id, (SELECT parent_task_id FROM tasks WHERE task_id = $id AND owner = $owner)),
                    idempotency_key = (SELECT idempotency_key FROM tasks WHERE task_id = $id AND owner = $owner),
                    estimated_cost = COALESCE(estimated_cost, (SELECT estimated_cost FROM tasks WHERE task_id = $id AND owner = $owner)),
                    estimate_source = COALESCE(estimate_source, (SELECT estimate_source FROM tasks WHERE task_id = $id AND owner = $owner)),
                    estimate_basis = COALESCE(estimate_basis, (SELECT estimate_basis FROM tasks WHERE task_id = $id AND owner = $owner)),
                    reserved_cost = COALESCE(reserved_cost, (SELECT reserved_cost FROM tasks WHERE task_id = $id AND owner = $owner)),
                    created_at = MIN(created_at, (SELECT created_at FROM tasks WHERE task_id = $id AND owner = $owner)),
                    updated_at = $now
                WHERE task_id = $task AND owner = $owner AND EXISTS (SELECT 1 FROM tasks WHERE task_id = $id AND owner = $owner);
                DELETE FROM tasks WHERE task_id = $id AND owner = $owner AND EXISTS (SELECT 1 FROM tasks WHERE task_id = $task AND owner = $owner);
                UPDATE tasks SET task_id = $task, state = $state, error_message = NULL, updated_at = $now WHERE task_id = $id AND owner = $owner;
                UPDATE tasks SET sequence_id = COALESCE(sequence_id, $sequence), shot = COALESCE(shot, $shot) WHERE task_id = $task AND owner = $owner;
                """;

            // The shot's place is read first and written after the placeholder is gone (one row per shot at any moment).
            object? sequence = null, shot = null;
            await using (var find = _database.Command(connection, transaction, "SELECT sequence_id, shot FROM tasks WHERE task_id = $id AND owner = $owner",
                [("$id", placeholderId)]))
            {
                await using var row = await find.ExecuteReaderAsync(cancellationToken);
                if (await row.ReadAsync(cancellationToken))
                {
                    sequence = row[0] as string;
                    shot = row[1] is long number ? number : null;
                }
            }

            await using var command = _database.Command(connection, transaction, Merge,
                [("$task", taskId), ("$state", nameof(JournalState.Queued)), ("$now", _database.Now()), ("$id", placeholderId),
                 ("$sequence", sequence), ("$shot", shot)]);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && _database.Explain(ex) is TaskJournalException explained)
        {
            throw explained;
        }
    }

    /// <summary>Submits whose outcome is not known yet (unconfirmed, or still marked as being sent), oldest first.</summary>
    public Task<IReadOnlyList<JournalEntry>> ListUnsettledSubmitsAsync(CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT * FROM tasks WHERE state IN ($a, $b) AND owner = $owner ORDER BY created_at ASC LIMIT 100", 100, cancellationToken,
            ("$a", nameof(JournalState.Submitting)), ("$b", nameof(JournalState.Unconfirmed)));

    /// <summary>Settles a submit the provider refused when it was sent again: nothing was created, so it is failed, not unconfirmed.</summary>
    public Task MarkRefusedAsync(string placeholderId, string reason, CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync("UPDATE tasks SET state = $state, error_code = 'refused', error_message = $reason, updated_at = $now WHERE task_id = $id AND owner = $owner",
            cancellationToken, ("$state", nameof(JournalState.Failed)), ("$reason", reason), ("$now", _database.Now()), ("$id", placeholderId));

    /// <summary>Marks a submit whose outcome is unknown, keeping it listed so the user can check before paying again.</summary>
    public Task MarkUnconfirmedAsync(string placeholderId, string reason, CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync("UPDATE tasks SET state = $state, error_message = $reason, updated_at = $now WHERE task_id = $id AND owner = $owner", cancellationToken,
            ("$state", nameof(JournalState.Unconfirmed)), ("$reason", reason), ("$now", _database.Now()), ("$id", placeholderId));

    /// <summary>Drops the placeholder of a submit the provider definitely refused (nothing was created or paid).</summary>
    public Task ForgetAsync(string placeholderId, CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync("DELETE FROM tasks WHERE task_id = $id AND state = $state AND owner = $owner", cancellationToken,
            ("$id", placeholderId), ("$state", nameof(JournalState.Submitting)));

    /// <summary>Stores what a status check saw; adds the task if it was made elsewhere.</summary>
    public Task RecordStatusAsync(SeedanceTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var now = _database.Now();
        return _database.ExecuteAsync("""
            INSERT INTO tasks (task_id, created_at, updated_at, request_json, state, provider_status, progress, video_url, expires_at,
                               last_frame_url, cost, error_code, error_message, owner)
            VALUES ($id, $created, $now, '{}', $state, $status, $progress, $video, $expires, $frame, $cost, $code, $message, $owner)
            ON CONFLICT (task_id) DO UPDATE SET
                updated_at = $now, state = $state, provider_status = $status,
                progress = COALESCE($progress, tasks.progress), video_url = COALESCE($video, tasks.video_url),
                expires_at = COALESCE($expires, tasks.expires_at), last_frame_url = COALESCE($frame, tasks.last_frame_url),
                cost = COALESCE($cost, tasks.cost), error_code = $code, error_message = $message
            WHERE tasks.owner = $owner
            """, cancellationToken,
            ("$id", task.Id), ("$created", task.CreatedAt?.ToUnixTimeMilliseconds() ?? now), ("$now", now),
            ("$state", StateOf(task.State).ToString()), ("$status", task.RawStatus), ("$progress", task.Progress),
            ("$video", task.VideoUrl), ("$expires", task.ExpiresAt?.ToUnixTimeMilliseconds()), ("$frame", task.LastFrameUrl),
            ("$cost", task.Cost?.ToString(CultureInfo.InvariantCulture)), ("$code", task.Error?.Code),
            ("$message", task.Error?.Message));
    }

    /// <summary>Remembers where a task's files were saved.</summary>
    public Task RecordLocalFilesAsync(string taskId, string? videoPath, string? lastFramePath, CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync("""
            UPDATE tasks SET local_video_path = COALESCE($video, local_video_path),
                             local_last_frame_path = COALESCE($frame, local_last_frame_path), updated_at = $now
            WHERE task_id = $id AND owner = $owner
            """, cancellationToken, ("$video", videoPath), ("$frame", lastFramePath), ("$now", _database.Now()), ("$id", taskId));

    /// <summary>The entry sent with an idempotency key starting <paramref name="keyPrefix"/> (what an unconfirmed placeholder is named after), or null.</summary>
    public async Task<JournalEntry?> FindByKeyPrefixAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        var found = await QueryAsync("SELECT * FROM tasks WHERE substr(idempotency_key, 1, $length) = $prefix AND owner = $owner ORDER BY created_at DESC LIMIT 1", 1,
            cancellationToken, ("$length", keyPrefix.Length), ("$prefix", keyPrefix));
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>The entry of <paramref name="taskId"/>, or null.</summary>
    public async Task<JournalEntry?> FindAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var found = await QueryAsync("SELECT * FROM tasks WHERE task_id = $id AND owner = $owner", 1, cancellationToken, ("$id", taskId));
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>The newest entries first, optionally only those in <paramref name="states"/>.</summary>
    public Task<IReadOnlyList<JournalEntry>> ListAsync(int limit, IReadOnlyCollection<JournalState>? states = null,
        CancellationToken cancellationToken = default) =>
        ListAsync(limit, offset: 0, states, cancellationToken);

    /// <summary>The entries after the newest <paramref name="offset"/> ones (in <paramref name="states"/>, when given), newest first: a page of the list.</summary>
    public Task<IReadOnlyList<JournalEntry>> ListAsync(int limit, int offset, IReadOnlyCollection<JournalState>? states,
        CancellationToken cancellationToken = default)
    {
        if (states is not { Count: > 0 })
        {
            return QueryAsync("SELECT * FROM tasks WHERE owner = $owner ORDER BY created_at DESC, rowid DESC LIMIT $limit OFFSET $offset", limit, cancellationToken,
                ("$limit", limit), ("$offset", offset));
        }

        var names = states.Select((s, i) => ($"$s{i}", (object?)s.ToString())).ToArray();
        return QueryAsync($"SELECT * FROM tasks WHERE owner = $owner AND state IN ({string.Join(", ", names.Select(n => n.Item1))}) ORDER BY created_at DESC, rowid DESC LIMIT $limit OFFSET $offset",
            limit, cancellationToken, [.. names, ("$limit", limit), ("$offset", offset)]);
    }

    /// <summary>The journal state a provider state maps to.</summary>
    public static JournalState StateOf(SeedanceTaskState state) => state switch
    {
        SeedanceTaskState.Queued => JournalState.Queued,
        SeedanceTaskState.Succeeded => JournalState.Succeeded,
        SeedanceTaskState.Failed => JournalState.Failed,
        SeedanceTaskState.Cancelled => JournalState.Cancelled,
        _ => JournalState.Running,
    };

    private Task<IReadOnlyList<JournalEntry>> QueryAsync(string sql, int capacity, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters) =>
        _database.ReadRowsAsync(sql, JournalRows.Task, capacity, parameters, cancellationToken);
}
