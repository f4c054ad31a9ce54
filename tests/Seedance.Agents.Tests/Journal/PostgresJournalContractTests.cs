using Seedance.Agents.Journal;
using Seedance.Testing;

namespace Seedance.Agents.Tests.Journal;

/// <summary>
/// The journal contract on PostgreSQL (a private server started from the installed binaries, or
/// <c>SEEDANCE_TEST_POSTGRES_URL</c>); skipped with the reason where PostgreSQL is not installed, failed in CI.
/// </summary>
public sealed class PostgresJournalContractTests : JournalContractTests
{
    private string? _url;

    protected override JournalDatabase NewDatabase(TimeProvider? time = null)
    {
        _url = PostgresServer.NewDatabase();
        return new JournalDatabase(new PostgresJournalBackend(_url), time);
    }

    protected override JournalDatabase SameDatabaseAgain(TimeProvider? time = null) =>
        new(new PostgresJournalBackend(_url ?? throw new InvalidOperationException("no database yet")), time);
}
