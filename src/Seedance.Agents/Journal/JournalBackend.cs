using System.Data.Common;

namespace Seedance.Agents.Journal;

/// <summary>
/// What differs between the stores a journal can live in (one SQLite file on one machine, or a PostgreSQL database shared by
/// several instances): connections, making the tables ready, the SQL dialect, the write lock of a spend admission, and what
/// an error means. The statements themselves are written once, in SQLite's dialect, and translated by <see cref="Sql"/>.
/// </summary>
internal abstract class JournalBackend
{
    /// <summary>Where the journal is, as shown to people (a file path, or a database URL without its password).</summary>
    public abstract string Location { get; }

    /// <summary>False while a journal file has not been made yet (nothing to read: no need to create it for a read).</summary>
    public abstract bool Exists { get; }

    /// <summary>True when several processes on several machines share it (PostgreSQL): background work is then claimed.</summary>
    public abstract bool IsShared { get; }

    /// <summary>An open connection.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>An open connection (synchronous: the one-time schema step).</summary>
    public abstract DbConnection Open();

    /// <summary>Creates or upgrades the tables (safe when several processes start at once).</summary>
    public abstract void ApplySchema(DbConnection connection);

    /// <summary><paramref name="sql"/>, written in SQLite's dialect, in this store's.</summary>
    public abstract string Sql(string sql);

    /// <summary>Binds <paramref name="value"/> (null as SQL NULL) as <paramref name="name"/> (written <c>$name</c>).</summary>
    public abstract void AddParameter(DbCommand command, string name, object? value);

    /// <summary>
    /// A transaction in which no other writer can admit a paid call for <paramref name="owner"/> between the check of the
    /// day's rows and the insert (SQLite: the write lock first; PostgreSQL: a transaction-scoped advisory lock per owner).
    /// </summary>
    public abstract Task<DbTransaction> BeginAdmissionAsync(DbConnection connection, string owner, CancellationToken cancellationToken);

    /// <summary>The journal failure <paramref name="exception"/> means, saying what to do, or null when it is not this store's.</summary>
    public abstract TaskJournalException? Explain(Exception exception);
}
