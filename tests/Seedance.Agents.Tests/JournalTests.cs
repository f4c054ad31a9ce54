using Microsoft.Data.Sqlite;
using Seedance.Agents.Journal;
using Seedance.Agents.Tools;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Tests;

public sealed class JournalTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "seedance-journal-tests", Guid.NewGuid().ToString("N"));

    private string JournalFile => Path.Combine(_folder, "journal.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Journal_SurvivesRestart()
    {
        var first = new TaskJournal(JournalFile);
        await first.RecordSubmittingAsync("unconfirmed-1", """{"prompt":"a"}""", "doubao-seedance-2.0", "a", null, "key-1");
        await first.ConfirmSubmittedAsync("unconfirmed-1", "task_01A");
        SqliteConnection.ClearAllPools();

        var reopened = new TaskJournal(JournalFile);
        var entry = await reopened.FindAsync("task_01A");

        Assert.NotNull(entry);
        Assert.Equal(JournalState.Queued, entry.State);
        Assert.Equal("a", entry.Prompt);
        Assert.Null(await reopened.FindAsync("unconfirmed-1"));
    }

    [Fact]
    public async Task Journal_TwoWritersAtOnce_LoseNothing()
    {
        var a = new TaskJournal(JournalFile);
        var b = new TaskJournal(JournalFile);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            var journal = i % 2 == 0 ? a : b;
            await journal.RecordSubmittingAsync($"unconfirmed-{i}", "{}", "m", $"p{i}", null, $"k{i}");
            await journal.ConfirmSubmittedAsync($"unconfirmed-{i}", $"task_{i:D2}");
            await journal.RecordStatusAsync(new SeedanceTask { Id = $"task_{i:D2}", State = SeedanceTaskState.Running, Progress = i });
        })));

        var all = await a.ListAsync(100);
        Assert.Equal(40, all.Count);
        Assert.All(all, e => Assert.Equal(JournalState.Running, e.State));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"task_{i:D2}").Order(), all.Select(e => e.TaskId).Order());
    }

    [Fact]
    public void Journal_CorruptFile_ClearErrorThatSaysWhereAndWhat()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(JournalFile, "this is not a database, just some text that fills more than one page of header bytes........");

        var ex = Assert.Throws<TaskJournalException>(() => new TaskJournal(JournalFile).EnsureReady());

        Assert.Contains(JournalFile, ex.Message, StringComparison.Ordinal);
        Assert.Contains("SEEDANCE_JOURNAL", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a database", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Journal_UnwritableFolder_ClearError()
    {
        Directory.CreateDirectory(_folder);
        var blocker = Path.Combine(_folder, "file-not-folder");
        File.WriteAllText(blocker, "x");

        var ex = Assert.Throws<TaskJournalException>(() => new TaskJournal(Path.Combine(blocker, "journal.db")).EnsureReady());

        Assert.Contains("SEEDANCE_JOURNAL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateVideo_CorruptJournal_RefusesToSubmit()
    {
        await using var f = await AgentFixture.StartAsync();
        Directory.CreateDirectory(Path.GetDirectoryName(f.JournalPath)!);
        File.WriteAllText(f.JournalPath, new string('x', 4096));

        var outcome = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt":"a cat"}""");

        Assert.True(outcome.IsError);
        Assert.Equal("journal_unavailable", outcome.Str("kind"));
        Assert.Equal(0, f.Sandbox.Counters.SubmitsReceived);
    }

    [Fact]
    public async Task RecordStatus_TaskMadeElsewhere_IsAdded()
    {
        var journal = new TaskJournal(JournalFile);

        await journal.RecordStatusAsync(new SeedanceTask { Id = "task_X", State = SeedanceTaskState.Succeeded, VideoUrls = ["https://v/1.mp4"], Cost = 0.5m });

        var entry = await journal.FindAsync("task_X");
        Assert.Equal(JournalState.Succeeded, entry!.State);
        Assert.Equal("https://v/1.mp4", entry.VideoUrl);
        Assert.Equal(0.5m, entry.Cost);
        Assert.Equal("{}", entry.RequestJson);
    }
}
