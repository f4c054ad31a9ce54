using Microsoft.Data.Sqlite;
using Seedance.Client.Callers;

namespace Seedance.Agents.Journal;

/// <summary>
/// The journal's SQLite file (WAL mode, so several server processes can share it), shared by the stores kept in it
/// (<see cref="TaskJournal"/>, <see cref="SequenceJournal"/>, the price quotes): opening connections, making the tables ready
/// once (<see cref="JournalSchema"/>), running statements, the spend-admission transaction, and turning SQLite errors into
/// <see cref="TaskJournalException"/>s that say what to do.
/// </summary>
public sealed class JournalDatabase
{
    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly Lock _initGate = new();
    private bool _initialized;

    /// <summary>Opens (lazily) the journal file at <paramref name="path"/>.</summary>
    public JournalDatabase(string path, TimeProvider? timeProvider = null)
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
                JournalSchema.Apply(command, Path);
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

    /// <summary>Makes the tables ready and runs a trivial query: throws <see cref="TaskJournalException"/> when the journal cannot be used (readiness).</summary>
    public async Task CheckReachableAsync(CancellationToken cancellationToken = default)
    {
        EnsureReady();
        try
        {
            await using var connection = Open();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM quotes WHERE 0";
            await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (SqliteException ex)
        {
            throw Explain(ex);
        }
    }

    /// <summary>
    /// Runs <paramref name="admission"/> on the rows created since its start, then <paramref name="sql"/>, in one IMMEDIATE
    /// transaction: the write lock is taken first, so no other process can write between the check and the insert.
    /// </summary>
    internal async Task<int> AdmitAsync(SpendAdmission? admission, string sql, CancellationToken cancellationToken,
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
            var tasks = await ReadAsync(connection, transaction, "SELECT * FROM tasks WHERE created_at >= $since AND owner = $owner", since, JournalRows.Task, cancellationToken);
            var films = await ReadAsync(connection, transaction, "SELECT * FROM sequences WHERE created_at >= $since AND owner = $owner", since, JournalRows.Sequence, cancellationToken);
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
        command.Parameters.AddWithValue("$owner", SeedanceCaller.Current.Owner);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
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

    /// <summary>An open connection with the busy timeout set; the caller makes sure the tables are ready.</summary>
    internal SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 10000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// The owner whose rows every statement reads and writes (bound as <c>$owner</c>): the current caller's, empty for the
    /// local user of a one-person host. Another owner's rows are invisible: asking for one answers as for an unknown id.
    /// </summary>
    internal static string Owner => SeedanceCaller.Current.Owner;

    /// <summary>Now, as the journal stores times (Unix milliseconds).</summary>
    internal long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Runs one statement (or batch) on a fresh connection; the number of rows it changed.</summary>
    internal async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
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

    /// <summary>The rows <paramref name="sql"/> selects, each read by <paramref name="read"/>.</summary>
    internal async Task<IReadOnlyList<T>> ReadRowsAsync<T>(string sql, Func<SqliteDataReader, T> read, int capacity,
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

    /// <summary>Binds each named value (null as SQL NULL), and the current owner as <c>$owner</c> unless given.</summary>
    internal static void Bind(SqliteCommand command, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        if (!command.Parameters.Contains("$owner"))
        {
            command.Parameters.AddWithValue("$owner", SeedanceCaller.Current.Owner);
        }
    }

    /// <summary>The journal failure a SQLite error means, saying what to do about it.</summary>
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
