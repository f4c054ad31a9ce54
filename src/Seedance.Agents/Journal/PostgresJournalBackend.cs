using System.Data.Common;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Seedance.Agents.Journal;

/// <summary>
/// The journal in a PostgreSQL database shared by several instances (<c>SEEDANCE_DATABASE_URL</c>). Built with Npgsql's slim
/// data source builder, which keeps native AOT. The statements written for SQLite are translated (<see cref="Sql"/>), the
/// tables are made under an advisory lock (<see cref="PostgresJournalSchema"/>), and a spend admission holds a
/// transaction-scoped advisory lock per owner, so two instances cannot both pass a budget on the same spend.
/// </summary>
internal sealed partial class PostgresJournalBackend : JournalBackend, IDisposable
{
    // Parameters that may be null and are not text: a null must still carry its type, or PostgreSQL cannot infer it.
    private static readonly Dictionary<string, NpgsqlDbType> NullTypes = new(StringComparer.Ordinal)
    {
        ["shot"] = NpgsqlDbType.Bigint, ["progress"] = NpgsqlDbType.Bigint, ["expires"] = NpgsqlDbType.Bigint,
        ["created"] = NpgsqlDbType.Bigint, ["seconds"] = NpgsqlDbType.Double, ["lease_until"] = NpgsqlDbType.Bigint,
    };

    private readonly NpgsqlDataSource _dataSource;

    public PostgresJournalBackend(string databaseUrl)
    {
        var builder = PostgresUrl.ToConnectionString(databaseUrl);
        Location = PostgresUrl.Describe(builder);
        _dataSource = new NpgsqlSlimDataSourceBuilder(builder.ConnectionString).Build();
    }

    public override string Location { get; }

    public override bool Exists => true;

    public override bool IsShared => true;

    public override DbConnection Open() => _dataSource.OpenConnection();

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await _dataSource.OpenConnectionAsync(cancellationToken);

    public override void ApplySchema(DbConnection connection) => PostgresJournalSchema.Apply((NpgsqlConnection)connection, Location);

    public override string Sql(string sql)
    {
        sql = TwoArgumentMin().Replace(sql, "LEAST($1,");
        sql = TwoArgumentMax().Replace(sql, "GREATEST($1,");
        sql = RowId().Replace(sql, "seq");
        return Parameter().Replace(sql, "@$1");
    }

    public override void AddParameter(DbCommand command, string name, object? value)
    {
        var bare = name.TrimStart('$', '@');
        var parameter = value is null or DBNull
            ? new NpgsqlParameter(bare, NullTypes.TryGetValue(bare, out var type) ? type : NpgsqlDbType.Text) { Value = DBNull.Value }
            : new NpgsqlParameter(bare, value);
        command.Parameters.Add(parameter);
    }

    public override async Task<DbTransaction> BeginAdmissionAsync(DbConnection connection, string owner, CancellationToken cancellationToken)
    {
        var transaction = await ((NpgsqlConnection)connection).BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('seedance-admission:' || @owner, 0))",
            (NpgsqlConnection)connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("owner", owner));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return transaction;
    }

    public override TaskJournalException? Explain(Exception exception) => exception switch
    {
        TaskJournalException => null,
        PostgresException { SqlState: "23505" } ex => new TaskJournalException($"The journal at {Location} refused a duplicate row ({ex.MessageText}).", ex),
        PostgresException ex => new TaskJournalException($"The journal database at {Location} failed: {ex.MessageText} ({ex.SqlState}).", ex),
        NpgsqlException ex => new TaskJournalException(
            $"The journal database at {Location} cannot be reached ({ex.Message}). Check SEEDANCE_DATABASE_URL and that PostgreSQL is running.", ex),
        _ => null,
    };

    public void Dispose() => _dataSource.Dispose();

    [GeneratedRegex(@"\bMIN\(([a-z_]+),")]
    private static partial Regex TwoArgumentMin();

    [GeneratedRegex(@"\bMAX\(([a-z_]+),")]
    private static partial Regex TwoArgumentMax();

    [GeneratedRegex(@"\browid\b")]
    private static partial Regex RowId();

    [GeneratedRegex(@"\$([a-z_][a-z0-9_]*)")]
    private static partial Regex Parameter();
}
