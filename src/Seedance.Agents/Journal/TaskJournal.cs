using System.Globalization;
using Microsoft.Data.Sqlite;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Journal;

/// <summary>
/// The local record of every submitted task, in SQLite (WAL mode, so several server processes can share it).
/// Written before a submit is sent and after it is answered, and updated on every status check, so a task that
/// was paid for is never lost, even when a client forgets its id or a call is cut off.
/// </summary>
public sealed class TaskJournal
{
    // 4: a sequence may be Stopping or Stopped. An older build would read those as Running and send the stopped shots, so it
    // must refuse a journal this build has opened (it refuses any newer schema).
    private const int SchemaVersion = 4;

    // Columns added after schema 1, each added in place to an older journal: the estimate (2), the sequence a shot belongs to (3).
    private static readonly (string Name, string Type)[] AddedColumns =
        [("estimated_cost", "TEXT"), ("estimate_source", "TEXT"), ("estimate_basis", "TEXT"), ("sequence_id", "TEXT"), ("shot", "INTEGER"),
         ("reserved_cost", "TEXT")];

    // Columns added to the sequences table after it was made: what a film holds against the budget.
    private static readonly (string Name, string Type)[] AddedSequenceColumns = [("reserved_cost", "TEXT")];

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly Lock _initGate = new();
    private bool _initialized;

    /// <summary>Opens (lazily) the journal at <paramref name="path"/>.</summary>
    public TaskJournal(string path, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _time = timeProvider ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 10,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Creates the file and its table if needed and checks it is usable; throws <see cref="TaskJournalException"/> if not.</summary>
    public void EnsureReady()
    {
        lock (_initGate)
        {
            if (_initialized)
            {
                return;
            }

            try
            {
                var folder = System.IO.Path.GetDirectoryName(Path);
                if (!string.IsNullOrEmpty(folder))
                {
                    Directory.CreateDirectory(folder);
                }

                using var connection = Open();
                using var command = connection.CreateCommand();
                command.CommandText = """
                    PRAGMA journal_mode = WAL;
                    CREATE TABLE IF NOT EXISTS tasks (
                        task_id TEXT PRIMARY KEY,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL,
                        parent_task_id TEXT,
                        request_json TEXT NOT NULL,
                        model TEXT,
                        prompt TEXT,
                        state TEXT NOT NULL,
                        provider_status TEXT,
                        progress INTEGER,
                        video_url TEXT,
                        expires_at INTEGER,
                        last_frame_url TEXT,
                        cost TEXT,
                        error_code TEXT,
                        error_message TEXT,
                        local_video_path TEXT,
                        local_last_frame_path TEXT,
                        idempotency_key TEXT,
                        estimated_cost TEXT,
                        estimate_source TEXT,
                        estimate_basis TEXT,
                        sequence_id TEXT,
                        shot INTEGER,
                        reserved_cost TEXT
                    );
                    CREATE INDEX IF NOT EXISTS tasks_by_time ON tasks (created_at DESC);
                    CREATE TABLE IF NOT EXISTS sequences (
                        sequence_id TEXT PRIMARY KEY,
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL,
                        plan_json TEXT NOT NULL,
                        shot_count INTEGER NOT NULL,
                        state TEXT NOT NULL,
                        film_path TEXT,
                        film_seconds REAL,
                        stitch_method TEXT,
                        stitch_command TEXT,
                        failed_shot INTEGER,
                        problem TEXT,
                        estimated_cost TEXT,
                        reserved_cost TEXT
                    );
                    CREATE TABLE IF NOT EXISTS quotes (
                        quote_id TEXT PRIMARY KEY,
                        binding TEXT NOT NULL,
                        tool TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        expires_at INTEGER NOT NULL,
                        used_at INTEGER
                    );
                    """;
                command.ExecuteNonQuery();

                command.CommandText = "PRAGMA user_version";
                var version = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
                if (version > SchemaVersion)
                {
                    throw new TaskJournalException(
                        $"The task journal at {Path} was written by a newer version (schema {version}). Update Seedance.Agents or set SEEDANCE_JOURNAL to another file.");
                }

                AddColumns(command);

                // One row per shot of a sequence, whoever writes it: a second submit of the same shot (another process resuming the
                // same chain) fails here, before its request leaves.
                command.CommandText = "CREATE UNIQUE INDEX IF NOT EXISTS tasks_by_shot ON tasks (sequence_id, shot) WHERE sequence_id IS NOT NULL";
                command.ExecuteNonQuery();
                command.CommandText = $"PRAGMA user_version = {SchemaVersion}";
                command.ExecuteNonQuery();
                _initialized = true;
            }
            catch (SqliteException ex)
            {
                throw Explain(ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new TaskJournalException(
                    $"The task journal at {Path} cannot be created ({ex.Message}). Make its folder writable or set SEEDANCE_JOURNAL to a writable file.", ex);
            }
        }
    }

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
        var now = Now();
        var written = await AdmitAsync(admission, """
            INSERT INTO tasks (task_id, created_at, updated_at, parent_task_id, request_json, model, prompt, state, idempotency_key,
                               estimated_cost, estimate_source, estimate_basis, sequence_id, shot, reserved_cost)
            SELECT $id, $now, $now, $parent, $request, $model, $prompt, $state, $key, $estimate, $source, $basis, $sequence, $shot, $reserved
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
    /// Runs <paramref name="admission"/> on the rows created since its start, then <paramref name="sql"/>, in one IMMEDIATE
    /// transaction: the write lock is taken first, so no other process can write between the check and the insert.
    /// </summary>
    private async Task<int> AdmitAsync(SpendAdmission? admission, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        if (admission is null)
        {
            return await ExecuteAsync(sql, cancellationToken, parameters);
        }

        EnsureReady();
        try
        {
            await using var connection = Open();
            // BEGIN IMMEDIATE: the write lock first, so the rows read are still today's rows when the insert commits.
            await using var transaction = connection.BeginTransaction(deferred: false);
            var since = admission.Since.ToUnixTimeMilliseconds();
            var tasks = await ReadAsync(connection, transaction, "SELECT * FROM tasks WHERE created_at >= $since", since, Read, cancellationToken);
            var films = await ReadAsync(connection, transaction, "SELECT * FROM sequences WHERE created_at >= $since", since, ReadSequence, cancellationToken);
            admission.Check(tasks, films);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            Bind(command, parameters);
            var written = await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return written;
        }
        catch (SqliteException ex)
        {
            throw Explain(ex);
        }
    }

    private static async Task<IReadOnlyList<T>> ReadAsync<T>(SqliteConnection connection, SqliteTransaction transaction, string sql, long since,
        Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$since", since);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>
    /// The real charges of succeeded tasks of <paramref name="model"/> (newest first, at most <paramref name="limit"/>),
    /// each with the request body it was sent with, so rates per second can be learnt from them.
    /// </summary>
    public async Task<IReadOnlyList<(string RequestJson, decimal Cost)>> ChargesAsync(string model, int limit, CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync("""
            SELECT * FROM tasks WHERE model = $model AND state = $state AND cost IS NOT NULL
            ORDER BY updated_at DESC LIMIT $limit
            """, limit, cancellationToken, ("$model", model), ("$state", nameof(JournalState.Succeeded)), ("$limit", limit));
        return rows.Where(r => r.Cost is > 0).Select(r => (r.RequestJson, r.Cost!.Value)).ToArray();
    }

    /// <summary>Every entry created at or after <paramref name="since"/>, for today's spend.</summary>
    public Task<IReadOnlyList<JournalEntry>> CreatedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT * FROM tasks WHERE created_at >= $since ORDER BY created_at", 100, cancellationToken,
            ("$since", since.ToUnixTimeMilliseconds()));

    /// <summary>
    /// Turns the placeholder into the provider's task id once the submit was accepted. When the id is already in the
    /// journal (a status check recorded it first, or a replay answered with a known task), that row takes the request
    /// and the placeholder goes.
    /// </summary>
    public async Task ConfirmSubmittedAsync(string placeholderId, string taskId, CancellationToken cancellationToken = default)
    {
        EnsureReady();
        try
        {
            await using var connection = Open();
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE tasks SET
                    request_json = (SELECT request_json FROM tasks WHERE task_id = $id),
                    model = COALESCE(model, (SELECT model FROM tasks WHERE task_id = $id)),
                    prompt = COALESCE(prompt, (SELECT prompt FROM tasks WHERE task_id = $id)),
                    parent_task_id = COALESCE(parent_task_id, (SELECT parent_task_id FROM tasks WHERE task_id = $id)),
                    idempotency_key = (SELECT idempotency_key FROM tasks WHERE task_id = $id),
                    estimated_cost = COALESCE(estimated_cost, (SELECT estimated_cost FROM tasks WHERE task_id = $id)),
                    estimate_source = COALESCE(estimate_source, (SELECT estimate_source FROM tasks WHERE task_id = $id)),
                    estimate_basis = COALESCE(estimate_basis, (SELECT estimate_basis FROM tasks WHERE task_id = $id)),
                    reserved_cost = COALESCE(reserved_cost, (SELECT reserved_cost FROM tasks WHERE task_id = $id)),
                    created_at = MIN(created_at, (SELECT created_at FROM tasks WHERE task_id = $id)),
                    updated_at = $now
                WHERE task_id = $task AND EXISTS (SELECT 1 FROM tasks WHERE task_id = $id);
                DELETE FROM tasks WHERE task_id = $id AND EXISTS (SELECT 1 FROM tasks WHERE task_id = $task);
                UPDATE tasks SET task_id = $task, state = $state, error_message = NULL, updated_at = $now WHERE task_id = $id;
                UPDATE tasks SET sequence_id = COALESCE(sequence_id, $sequence), shot = COALESCE(shot, $shot) WHERE task_id = $task;
                """;

            // The shot's place is read first and written after the placeholder is gone (one row per shot at any moment).
            await using (var find = connection.CreateCommand())
            {
                find.Transaction = transaction;
                find.CommandText = "SELECT sequence_id, shot FROM tasks WHERE task_id = $id";
                find.Parameters.AddWithValue("$id", placeholderId);
                await using var row = await find.ExecuteReaderAsync(cancellationToken);
                var found = await row.ReadAsync(cancellationToken);
                command.Parameters.AddWithValue("$sequence", found && row[0] is string sequence ? sequence : DBNull.Value);
                command.Parameters.AddWithValue("$shot", found && row[1] is long shot ? shot : DBNull.Value);
            }

            Bind(command, [("$task", taskId), ("$state", nameof(JournalState.Queued)), ("$now", Now()), ("$id", placeholderId)]);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (SqliteException ex)
        {
            throw Explain(ex);
        }
    }

    /// <summary>Submits whose outcome is not known yet (unconfirmed, or still marked as being sent), oldest first.</summary>
    public Task<IReadOnlyList<JournalEntry>> ListUnsettledSubmitsAsync(CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT * FROM tasks WHERE state IN ($a, $b) ORDER BY created_at ASC LIMIT 100", 100, cancellationToken,
            ("$a", nameof(JournalState.Submitting)), ("$b", nameof(JournalState.Unconfirmed)));

    /// <summary>Settles a submit the provider refused when it was sent again: nothing was created, so it is failed, not unconfirmed.</summary>
    public Task MarkRefusedAsync(string placeholderId, string reason, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE tasks SET state = $state, error_code = 'refused', error_message = $reason, updated_at = $now WHERE task_id = $id",
            cancellationToken, ("$state", nameof(JournalState.Failed)), ("$reason", reason), ("$now", Now()), ("$id", placeholderId));

    /// <summary>Marks a submit whose outcome is unknown, keeping it listed so the user can check before paying again.</summary>
    public Task MarkUnconfirmedAsync(string placeholderId, string reason, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE tasks SET state = $state, error_message = $reason, updated_at = $now WHERE task_id = $id", cancellationToken,
            ("$state", nameof(JournalState.Unconfirmed)), ("$reason", reason), ("$now", Now()), ("$id", placeholderId));

    /// <summary>Drops the placeholder of a submit the provider definitely refused (nothing was created or paid).</summary>
    public Task ForgetAsync(string placeholderId, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM tasks WHERE task_id = $id AND state = $state", cancellationToken,
            ("$id", placeholderId), ("$state", nameof(JournalState.Submitting)));

    /// <summary>Stores what a status check saw; adds the task if it was made elsewhere.</summary>
    public Task RecordStatusAsync(SeedanceTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var now = Now();
        return ExecuteAsync("""
            INSERT INTO tasks (task_id, created_at, updated_at, request_json, state, provider_status, progress, video_url, expires_at,
                               last_frame_url, cost, error_code, error_message)
            VALUES ($id, $created, $now, '{}', $state, $status, $progress, $video, $expires, $frame, $cost, $code, $message)
            ON CONFLICT (task_id) DO UPDATE SET
                updated_at = $now, state = $state, provider_status = $status,
                progress = COALESCE($progress, progress), video_url = COALESCE($video, video_url),
                expires_at = COALESCE($expires, expires_at), last_frame_url = COALESCE($frame, last_frame_url),
                cost = COALESCE($cost, cost), error_code = $code, error_message = $message
            """, cancellationToken,
            ("$id", task.Id), ("$created", task.CreatedAt?.ToUnixTimeMilliseconds() ?? now), ("$now", now),
            ("$state", StateOf(task.State).ToString()), ("$status", task.RawStatus), ("$progress", task.Progress),
            ("$video", task.VideoUrl), ("$expires", task.ExpiresAt?.ToUnixTimeMilliseconds()), ("$frame", task.LastFrameUrl),
            ("$cost", task.Cost?.ToString(CultureInfo.InvariantCulture)), ("$code", task.Error?.Code),
            ("$message", task.Error?.Message));
    }

    /// <summary>Remembers where a task's files were saved.</summary>
    public Task RecordLocalFilesAsync(string taskId, string? videoPath, string? lastFramePath, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            UPDATE tasks SET local_video_path = COALESCE($video, local_video_path),
                             local_last_frame_path = COALESCE($frame, local_last_frame_path), updated_at = $now
            WHERE task_id = $id
            """, cancellationToken, ("$video", videoPath), ("$frame", lastFramePath), ("$now", Now()), ("$id", taskId));

    /// <summary>The entry sent with an idempotency key starting <paramref name="keyPrefix"/> (what an unconfirmed placeholder is named after), or null.</summary>
    public async Task<JournalEntry?> FindByKeyPrefixAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        var found = await QueryAsync("SELECT * FROM tasks WHERE substr(idempotency_key, 1, $length) = $prefix ORDER BY created_at DESC LIMIT 1", 1,
            cancellationToken, ("$length", keyPrefix.Length), ("$prefix", keyPrefix));
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>The entry of <paramref name="taskId"/>, or null.</summary>
    public async Task<JournalEntry?> FindAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var found = await QueryAsync("SELECT * FROM tasks WHERE task_id = $id", 1, cancellationToken, ("$id", taskId));
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
            return QueryAsync("SELECT * FROM tasks ORDER BY created_at DESC, rowid DESC LIMIT $limit OFFSET $offset", limit, cancellationToken,
                ("$limit", limit), ("$offset", offset));
        }

        var names = states.Select((s, i) => ($"$s{i}", (object?)s.ToString())).ToArray();
        return QueryAsync($"SELECT * FROM tasks WHERE state IN ({string.Join(", ", names.Select(n => n.Item1))}) ORDER BY created_at DESC, rowid DESC LIMIT $limit OFFSET $offset",
            limit, cancellationToken, [.. names, ("$limit", limit), ("$offset", offset)]);
    }

    /// <summary>Records a new sequence (a long video) before its first shot is sent.</summary>
    public Task CreateSequenceAsync(SequenceEntry sequence, CancellationToken cancellationToken = default) =>
        CreateSequenceAsync(sequence, admission: null, cancellationToken);

    /// <summary>Records a new sequence once <paramref name="admission"/> passed on today's rows, in one transaction with the check.</summary>
    internal Task CreateSequenceAsync(SequenceEntry sequence, SpendAdmission? admission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var now = Now();
        return AdmitAsync(admission, """
            INSERT INTO sequences (sequence_id, created_at, updated_at, plan_json, shot_count, state, estimated_cost, reserved_cost)
            VALUES ($id, $now, $now, $plan, $count, $state, $estimate, $reserved)
            """, cancellationToken, ("$id", sequence.SequenceId), ("$now", now), ("$plan", sequence.PlanJson), ("$count", sequence.ShotCount),
            ("$state", sequence.State.ToString()), ("$estimate", sequence.EstimatedCost?.ToString(CultureInfo.InvariantCulture)),
            ("$reserved", sequence.ReservedCost?.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Every sequence created at or after <paramref name="since"/>, for today's spend.</summary>
    public Task<IReadOnlyList<SequenceEntry>> SequencesCreatedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        QuerySequencesAsync("SELECT * FROM sequences WHERE created_at >= $since", cancellationToken, ("$since", since.ToUnixTimeMilliseconds()));

    /// <summary>The sequence <paramref name="sequenceId"/>, or null.</summary>
    public async Task<SequenceEntry?> FindSequenceAsync(string sequenceId, CancellationToken cancellationToken = default)
    {
        var found = await QuerySequencesAsync("SELECT * FROM sequences WHERE sequence_id = $id", cancellationToken, ("$id", sequenceId));
        return found.Count > 0 ? found[0] : null;
    }

    /// <summary>The newest sequences first, optionally only those in <paramref name="state"/>.</summary>
    public Task<IReadOnlyList<SequenceEntry>> ListSequencesAsync(int limit, SequenceState? state = null, CancellationToken cancellationToken = default) =>
        state is { } only
            ? QuerySequencesAsync("SELECT * FROM sequences WHERE state = $state ORDER BY created_at DESC, rowid DESC LIMIT $limit", cancellationToken,
                ("$state", only.ToString()), ("$limit", limit))
            : QuerySequencesAsync("SELECT * FROM sequences ORDER BY created_at DESC, rowid DESC LIMIT $limit", cancellationToken, ("$limit", limit));

    /// <summary>The task entries of a sequence's shots that were submitted, in shot order.</summary>
    public Task<IReadOnlyList<JournalEntry>> ShotsAsync(string sequenceId, CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT * FROM tasks WHERE sequence_id = $id ORDER BY shot", 16, cancellationToken, ("$id", sequenceId));

    /// <summary>Records where a sequence stands; the film fields and the problem are replaced by the given ones.</summary>
    public Task UpdateSequenceAsync(string sequenceId, SequenceState state, string? filmPath = null, double? filmSeconds = null, string? stitchMethod = null,
        string? stitchCommand = null, int? failedShot = null, string? problem = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            UPDATE sequences SET state = $state, film_path = $film, film_seconds = $seconds, stitch_method = $method, stitch_command = $command,
                                 failed_shot = $shot, problem = $problem, updated_at = $now
            WHERE sequence_id = $id
            """, cancellationToken, ("$state", state.ToString()), ("$film", filmPath), ("$seconds", filmSeconds), ("$method", stitchMethod),
            ("$command", stitchCommand), ("$shot", failedShot), ("$problem", problem), ("$now", Now()), ("$id", sequenceId));

    /// <summary>
    /// Asks a running sequence to stop: from now on none of its shots can be journaled, so none is sent. False when it was not
    /// running (already finished, failed, stopping or stopped).
    /// </summary>
    public async Task<bool> RequestStopAsync(string sequenceId, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("""
            UPDATE sequences SET state = $stopping, updated_at = $now
            WHERE sequence_id = $id AND state = $running AND (SELECT COUNT(*) FROM tasks WHERE sequence_id = $id) < shot_count
            """, cancellationToken,
            ("$stopping", nameof(SequenceState.Stopping)), ("$now", Now()), ("$id", sequenceId), ("$running", nameof(SequenceState.Running))) > 0;

    /// <summary>
    /// Ends a stopping sequence as the film of its first <paramref name="shotCount"/> shots (the plan is cut to them, and a shot
    /// past them, one that failed after the stop, no longer belongs to it, so the film can be extended from its last shot).
    /// </summary>
    public Task FinishStoppedAsync(string sequenceId, int shotCount, string planJson, string? filmPath, double? filmSeconds, string? stitchMethod,
        string? stitchCommand, string problem, CancellationToken cancellationToken = default) =>
        ExecuteAsync("""
            UPDATE sequences SET state = $state, shot_count = $count, plan_json = $plan, film_path = $film, film_seconds = $seconds,
                                 stitch_method = $method, stitch_command = $command, failed_shot = NULL, problem = $problem, updated_at = $now
            WHERE sequence_id = $id AND state = $stopping;
            UPDATE tasks SET sequence_id = NULL, shot = NULL
            WHERE sequence_id = $id AND shot > $count AND (SELECT state FROM sequences WHERE sequence_id = $id) = $state;
            """, cancellationToken, ("$state", nameof(SequenceState.Stopped)), ("$count", shotCount), ("$plan", planJson), ("$film", filmPath),
            ("$seconds", filmSeconds), ("$method", stitchMethod), ("$command", stitchCommand), ("$problem", problem), ("$now", Now()), ("$id", sequenceId),
            ("$stopping", nameof(SequenceState.Stopping)));

    /// <summary>Records that a running sequence stopped at a failed shot; false when it is not running (being stopped, say).</summary>
    public async Task<bool> FailSequenceAsync(string sequenceId, int shot, string problem, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("""
            UPDATE sequences SET state = $failed, film_path = NULL, film_seconds = NULL, stitch_method = NULL, stitch_command = NULL,
                                 failed_shot = $shot, problem = $problem, updated_at = $now
            WHERE sequence_id = $id AND state = $running
            """, cancellationToken, ("$failed", nameof(SequenceState.Failed)), ("$shot", shot), ("$problem", problem), ("$now", Now()),
            ("$id", sequenceId), ("$running", nameof(SequenceState.Running))) > 0;

    /// <summary>Notes why a sequence's chain paused, leaving its state (running or stopping) as it is.</summary>
    public Task NoteSequenceProblemAsync(string sequenceId, string problem, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE sequences SET problem = $problem, updated_at = $now WHERE sequence_id = $id", cancellationToken,
            ("$problem", problem), ("$now", Now()), ("$id", sequenceId));

    /// <summary>Adds one shot to a finished sequence (extend_video continued it) and sets it running again, so the film is made anew.</summary>
    public Task AddShotAsync(string sequenceId, int shotCount, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE sequences SET shot_count = MAX(shot_count, $count), state = $state, failed_shot = NULL, problem = NULL, updated_at = $now WHERE sequence_id = $id",
            cancellationToken, ("$count", shotCount), ("$state", nameof(SequenceState.Running)), ("$now", Now()), ("$id", sequenceId));

    /// <summary>The journal state a provider state maps to.</summary>
    public static JournalState StateOf(SeedanceTaskState state) => state switch
    {
        SeedanceTaskState.Queued => JournalState.Queued,
        SeedanceTaskState.Succeeded => JournalState.Succeeded,
        SeedanceTaskState.Failed => JournalState.Failed,
        SeedanceTaskState.Cancelled => JournalState.Cancelled,
        _ => JournalState.Running,
    };

    // Journals written by older schemas lack the later columns: add them in place (nothing else changes).
    private static void AddColumns(SqliteCommand command)
    {
        AddColumns(command, "tasks", AddedColumns);
        AddColumns(command, "sequences", AddedSequenceColumns);
    }

    private static void AddColumns(SqliteCommand command, string table, (string Name, string Type)[] added)
    {
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                columns.Add(reader.GetString(0));
            }
        }

        foreach (var (name, type) in added.Where(c => !columns.Contains(c.Name)))
        {
            command.CommandText = $"ALTER TABLE {table} ADD COLUMN {name} {type}";
            try
            {
                command.ExecuteNonQuery();
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 1 && ex.Message.Contains("duplicate column", StringComparison.OrdinalIgnoreCase))
            {
                // Another process sharing the journal added it first.
            }
        }
    }

    /// <summary>An open connection to the journal's file, its tables ready: for the stores that share the file (the price quotes).</summary>
    internal SqliteConnection OpenReady()
    {
        EnsureReady();
        try
        {
            return Open();
        }
        catch (SqliteException ex)
        {
            throw Explain(ex);
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 10000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        EnsureReady();
        try
        {
            await using var connection = Open();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            Bind(command, parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex)
        {
            throw Explain(ex);
        }
    }

    private Task<IReadOnlyList<JournalEntry>> QueryAsync(string sql, int capacity, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters) =>
        ReadRowsAsync(sql, Read, capacity, parameters, cancellationToken);

    private Task<IReadOnlyList<SequenceEntry>> QuerySequencesAsync(string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters) =>
        ReadRowsAsync(sql, ReadSequence, 16, parameters, cancellationToken);

    private async Task<IReadOnlyList<T>> ReadRowsAsync<T>(string sql, Func<SqliteDataReader, T> read, int capacity,
        (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        EnsureReady();
        try
        {
            await using var connection = Open();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            Bind(command, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>(Math.Min(capacity, 100));
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
        catch (SqliteException ex)
        {
            throw Explain(ex);
        }
    }

    private static SequenceEntry ReadSequence(SqliteDataReader reader)
    {
        string? Text(string column) => reader[column] is string s ? s : null;
        long? Number(string column) => reader[column] is long n ? n : null;

        return new SequenceEntry
        {
            SequenceId = Text("sequence_id")!,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Number("created_at") ?? 0),
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Number("updated_at") ?? 0),
            PlanJson = Text("plan_json") ?? "[]",
            ShotCount = (int)(Number("shot_count") ?? 0),
            State = Enum.TryParse<SequenceState>(Text("state"), out var state) ? state : SequenceState.Running,
            FilmPath = Text("film_path"),
            FilmSeconds = reader["film_seconds"] is double seconds ? seconds : null,
            StitchMethod = Text("stitch_method"),
            StitchCommand = Text("stitch_command"),
            FailedShot = Number("failed_shot") is { } shot ? (int)shot : null,
            Problem = Text("problem"),
            EstimatedCost = decimal.TryParse(Text("estimated_cost"), NumberStyles.Float, CultureInfo.InvariantCulture, out var cost) ? cost : null,
            ReservedCost = decimal.TryParse(Text("reserved_cost"), NumberStyles.Float, CultureInfo.InvariantCulture, out var held) ? held : null,
        };
    }

    private static void Bind(SqliteCommand command, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }

    private static JournalEntry Read(SqliteDataReader reader)
    {
        string? Text(string column) => reader[column] is string s ? s : null;
        long? Number(string column) => reader[column] is long n ? n : null;

        return new JournalEntry
        {
            TaskId = Text("task_id")!,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Number("created_at") ?? 0),
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Number("updated_at") ?? 0),
            ParentTaskId = Text("parent_task_id"),
            RequestJson = Text("request_json") ?? "{}",
            Model = Text("model"),
            Prompt = Text("prompt"),
            State = Enum.TryParse<JournalState>(Text("state"), out var state) ? state : JournalState.Running,
            ProviderStatus = Text("provider_status"),
            Progress = Number("progress") is { } p ? (int)p : null,
            VideoUrl = Text("video_url"),
            ExpiresAt = Number("expires_at") is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null,
            LastFrameUrl = Text("last_frame_url"),
            Cost = decimal.TryParse(Text("cost"), NumberStyles.Float, CultureInfo.InvariantCulture, out var cost) ? cost : null,
            ErrorCode = Text("error_code"),
            ErrorMessage = Text("error_message"),
            LocalVideoPath = Text("local_video_path"),
            LocalLastFramePath = Text("local_last_frame_path"),
            IdempotencyKey = Text("idempotency_key"),
            EstimatedCost = decimal.TryParse(Text("estimated_cost"), NumberStyles.Float, CultureInfo.InvariantCulture, out var estimate) ? estimate : null,
            ReservedCost = decimal.TryParse(Text("reserved_cost"), NumberStyles.Float, CultureInfo.InvariantCulture, out var reserved) ? reserved : null,
            EstimateSource = Text("estimate_source"),
            EstimateBasis = Text("estimate_basis"),
            SequenceId = Text("sequence_id"),
            Shot = Number("shot") is { } shot ? (int)shot : null,
        };
    }

    internal TaskJournalException Explain(SqliteException ex) => ex.SqliteErrorCode switch
    {
        11 or 26 => new TaskJournalException(
            $"The task journal at {Path} is damaged or is not a database ({ex.Message}). Move it aside (it is not deleted for you) or set SEEDANCE_JOURNAL to another file.", ex),
        8 or 14 or 23 => new TaskJournalException(
            $"The task journal at {Path} cannot be opened for writing ({ex.Message}). Make the file and its folder writable or set SEEDANCE_JOURNAL to a writable file.", ex),
        5 or 6 => new TaskJournalException(
            $"The task journal at {Path} stayed locked by another process ({ex.Message}). Try again.", ex),
        _ => new TaskJournalException($"The task journal at {Path} failed: {ex.Message}", ex),
    };
}
