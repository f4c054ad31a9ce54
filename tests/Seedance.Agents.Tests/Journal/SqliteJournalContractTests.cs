using Seedance.Agents.Journal;

namespace Seedance.Agents.Tests.Journal;

/// <summary>The journal contract on the default store: one SQLite file.</summary>
public sealed class SqliteJournalContractTests : JournalContractTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "seedance-journal-contract", Guid.NewGuid().ToString("N"));

    private string File => Path.Combine(_folder, "journal.db");

    protected override JournalDatabase NewDatabase(TimeProvider? time = null) => new(File, time);

    protected override JournalDatabase SameDatabaseAgain(TimeProvider? time = null) => new(File, time);

    public override void Dispose()
    {
        base.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
