using System.Data.Common;
using Seedance.Client.Callers;

namespace Seedance.Agents.Journal;

/// <summary>
/// The journal's database, shared by the stores kept in it (<see cref="TaskJournal"/>, <see cref="SequenceJournal"/>, the
/// price quotes): one SQLite file (WAL mode, so several server processes on one machine can share it) by default, or a
/// PostgreSQL database shared by several instances (<c>SEEDANCE_DATABASE_URL</c>). It opens connections, makes the tables
/// ready once, runs statements (written once, translated by the <see cref="JournalBackend"/>), runs the spend-admission
/// transaction, and turns store errors into <see cref="TaskJournalException"/>s that say what to do. Every statement is
/// scoped to the current caller's rows (<see cref="Owner"/>).
/// </summary>
public sealed class JournalDatabase
{
    private readonly JournalBackend _backend;
    private readonly TimeProvider _time;
    private readonly Lock _initGate = new();
    private bool _initialized;

    /// <summary>Opens (lazily) the journal file at <paramref name="path"/>.</summary>
    public JournalDatabase(string path, TimeProvider? timeProvider = null)
        : this(new SqliteJournalBackend(CheckedPath(path)), timeProvider)
    {
    }

    internal JournalDatabase(JournalBackend backend, TimeProvider? timeProvider = null)
    {
        _backend = backend;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// The journal <paramref name="options"/> name: the PostgreSQL database of <see cref="SeedanceAgentOptions.DatabaseUrl"/> when
    /// set, else the SQLite file of <see cref="SeedanceAgentOptions.ResolveJournalPath"/>.
    /// </summary>
    public static JournalDatabase Create(SeedanceAgentOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.DatabaseUrl)
            ? new JournalDatabase(options.ResolveJournalPath(), timeProvider)
            : new JournalDatabase(new PostgresJournalBackend(options.DatabaseUrl), timeProvider);
    }

    /// <summary>Where the journal is: the database file, or the database's URL without its password.</summary>
    public string Path => _backend.Location;

    /// <summary>False while a journal file has not been made yet (a read needs nothing then); always true for a database server.</summary>
    public bool Exists => _backend.Exists;

    /// <summary>True when instances on several machines share the journal (PostgreSQL).</summary>
    public bool IsShared => _backend.IsShared;

    /// <summary>
    /// The owner whose rows every statement reads and writes (bound as <c>$owner</c>): the current caller's, empty for the
    /// local user of a one-person host. Another owner's rows are invisible: asking for one answers as for an unknown id.
    /// </summary>
    internal static string Owner => SeedanceCaller.Current.Owner;

    internal JournalBackend Backend => _backend;

    /// <summary>Creates the tables if needed and checks the journal is usable; throws <see cref="TaskJournalException"/> if not.</summary>
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
                using var connection = _backend.Open();
                _backend.ApplySchema(connection);
                _initialized = true;
            }
            catch (Exception ex) when (_backend.Explain(ex) is { } explained)
            {
                throw explained;
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
            await using var connection = await _backend.OpenAsync(cancellationToken);
            await using var command = Command(connection, null, "SELECT COUNT(*) FROM quotes WHERE 1 = 0", []);
            await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (Exception ex) when (_backend.Explain(ex) is { } explained)
        {
            throw explained;
        }
    }

    /// <summary>
    /// Runs <paramref name="admission"/> on the caller's rows created since its start, then <paramref name="sql"/>, in one
    /// transaction that holds the caller's admission lock: no other process can admit a paid call for the same caller between
    /// the check and the insert.
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
            await using var connection = await _backend.OpenAsync(cancellationToken);
            await using var transaction = await _backend.BeginAdmissionAsync(connection, Owner, cancellationToken);
            (string, object?)[] since = [("$since", admission.Since.ToUnixTimeMilliseconds())];
            var tasks = await ReadAsync(connection, transaction, "SELECT * FROM tasks WHERE created_at >= $since AND owner = $owner", since, JournalRows.Task, 100, cancellationToken);
            var films = await ReadAsync(connection, transaction, "SELECT * FROM sequences WHERE created_at >= $since AND owner = $owner", since, JournalRows.Sequence, 16, cancellationToken);
            admission.Check(tasks, films);
            await using var command = Command(connection, transaction, sql, parameters);
            var written = await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return written;
        }
        catch (Exception ex) when (_backend.Explain(ex) is { } explained)
        {
            throw explained;
        }
    }

    /// <summary>An open connection, its tables ready: for stores that run their own statements (the price quotes).</summary>
    internal async Task<DbConnection> OpenReadyAsync(CancellationToken cancellationToken)
    {
        EnsureReady();
        try
        {
            return await _backend.OpenAsync(cancellationToken);
        }
        catch (Exception ex) when (_backend.Explain(ex) is { } explained)
        {
            throw explained;
        }
    }

    /// <summary>
    /// A command for <paramref name="sql"/> (written in SQLite's dialect, translated here) on <paramref name="connection"/>,
    /// with <paramref name="parameters"/> bound and the current owner as <c>$owner</c> unless given.
    /// </summary>
    internal DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = _backend.Sql(sql);
        foreach (var (name, value) in parameters)
        {
            _backend.AddParameter(command, name, value);
        }

        if (!parameters.Any(p => p.Name == "$owner"))
        {
            _backend.AddParameter(command, "$owner", Owner);
        }

        return command;
    }

    /// <summary>Now, as the journal stores times (Unix milliseconds).</summary>
    internal long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Runs one statement (or batch) on a fresh connection; the number of rows it changed.</summary>
    internal async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        EnsureReady();
        try
        {
            await using var connection = await _backend.OpenAsync(cancellationToken);
            await using var command = Command(connection, null, sql, parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (_backend.Explain(ex) is { } explained)
        {
            throw explained;
        }
    }

    /// <summary>Runs <paramref name="statements"/> in order in one transaction on a fresh connection: all of them are kept, or none.</summary>
    internal async Task ExecuteAllAsync(IReadOnlyList<(string Sql, (string Name, object? Value)[] Parameters)> statements,
        CancellationToken cancellationToken)
    {
        EnsureReady();
        try
        {
            await using var connection = await _backend.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var (sql, parameters) in statements)
            {
                await using var command = Command(connection, transaction, sql, parameters);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (_backend.Explain(ex) is { } explained)
        {
            throw explained;
        }
    }

    /// <summary>The rows <paramref name="sql"/> selects, each read by <paramref name="read"/>.</summary>
    internal async Task<IReadOnlyList<T>> ReadRowsAsync<T>(string sql, Func<DbDataReader, T> read, int capacity,
        (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        EnsureReady();
        try
        {
            await using var connection = await _backend.OpenAsync(cancellationToken);
            return await ReadAsync(connection, null, sql, parameters, read, capacity, cancellationToken);
        }
        catch (Exception ex) when (_backend.Explain(ex) is { } explained)
        {
            throw explained;
        }
    }

    /// <summary>The journal failure a store error means, saying what to do about it; the error itself when it is not the store's.</summary>
    internal Exception Explain(Exception ex) => _backend.Explain(ex) ?? ex;

    private async Task<IReadOnlyList<T>> ReadAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters,
        Func<DbDataReader, T> read, int capacity, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>(Math.Min(capacity, 100));
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static string CheckedPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return path;
    }
}
