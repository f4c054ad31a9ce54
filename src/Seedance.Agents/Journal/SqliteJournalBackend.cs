using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Seedance.Agents.Journal;

/// <summary>The journal as one SQLite file (WAL mode, so several server processes on one machine can share it): the default.</summary>
internal sealed class SqliteJournalBackend : JournalBackend
{
    private readonly string _connectionString;
    private volatile bool _folderMade;

    public SqliteJournalBackend(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 10,
        }.ToString();
    }

    public string Path { get; }

    public override string Location => Path;

    public override bool Exists => File.Exists(Path);

    public override bool IsShared => false;

    public override DbConnection Open()
    {
        // The folder first (once): opening would create the file, not its folder.
        if (!_folderMade)
        {
            var folder = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            _folderMade = true;
        }

        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 10000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    public override Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => Task.FromResult(Open());

    public override void ApplySchema(DbConnection connection)
    {
        using var command = ((SqliteConnection)connection).CreateCommand();
        JournalSchema.Apply(command, Path);
    }

    public override string Sql(string sql) => sql;

    public override void AddParameter(DbCommand command, string name, object? value) =>
        ((SqliteCommand)command).Parameters.AddWithValue(name, value ?? DBNull.Value);

    public override Task<DbTransaction> BeginAdmissionAsync(DbConnection connection, string owner, CancellationToken cancellationToken) =>
        // BEGIN IMMEDIATE: the write lock first, so the rows read are still today's rows when the insert commits.
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override TaskJournalException? Explain(Exception exception) => exception is not SqliteException ex ? null : ex.SqliteErrorCode switch
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
