using Microsoft.Data.Sqlite;
using Seedance.Agents.Journal;
using Seedance.Agents.Spending;
using Seedance.Client.Callers;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Tests.Journal;

/// <summary>
/// The journal's contract, run against each store it can live in (<see cref="SqliteJournalContractTests"/>,
/// <see cref="PostgresJournalContractTests"/>): what the stores write, read, refuse and keep apart must not depend on which
/// one holds them.
/// </summary>
public abstract class JournalContractTests : IDisposable
{
    private JournalDatabase? _database;

    /// <summary>A new, empty journal database in the store under test (skips when the store is not available).</summary>
    protected abstract JournalDatabase NewDatabase(TimeProvider? time = null);

    /// <summary>A second handle on the same store, as another instance would open it.</summary>
    protected abstract JournalDatabase SameDatabaseAgain(TimeProvider? time = null);

    private JournalDatabase Database => _database ??= NewDatabase();

    public virtual void Dispose()
    {
        SqliteConnection.ClearAllPools();
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public async Task Submit_Confirm_Find_KeepsTheRequestUnderTheProvidersId()
    {
        var journal = new TaskJournal(Database);

        await journal.RecordSubmittingAsync("unconfirmed-1", """{"prompt":"a"}""", "doubao-seedance-2.0", "a", "task_parent", "key-1");
        await journal.ConfirmSubmittedAsync("unconfirmed-1", "task_01A");

        var entry = await journal.FindAsync("task_01A");
        Assert.NotNull(entry);
        Assert.Equal(JournalState.Queued, entry.State);
        Assert.Equal("""{"prompt":"a"}""", entry.RequestJson);
        Assert.Equal("task_parent", entry.ParentTaskId);
        Assert.Equal("key-1", entry.IdempotencyKey);
        Assert.Null(await journal.FindAsync("unconfirmed-1"));
        Assert.Equal("task_01A", (await journal.FindByKeyPrefixAsync("key-"))?.TaskId);
    }

    [SkippableFact]
    public async Task ConfirmOntoARowAStatusCheckMadeFirst_MergesIntoOneRow()
    {
        var journal = new TaskJournal(Database);
        await journal.RecordSubmittingAsync("unconfirmed-2", """{"prompt":"b"}""", "doubao-seedance-2.0", "b", null, "key-2");
        await journal.RecordStatusAsync(new SeedanceTask { Id = "task_02", State = SeedanceTaskState.Running, Progress = 40 });

        await journal.ConfirmSubmittedAsync("unconfirmed-2", "task_02");

        var all = await journal.ListAsync(10);
        var entry = Assert.Single(all);
        Assert.Equal("task_02", entry.TaskId);
        Assert.Equal("b", entry.Prompt);
        Assert.Equal("""{"prompt":"b"}""", entry.RequestJson);
    }

    [SkippableFact]
    public async Task RecordStatus_AddsThenUpdates_KeepingWhatANewerCheckLacks()
    {
        var journal = new TaskJournal(Database);
        await journal.RecordStatusAsync(new SeedanceTask { Id = "task_03", State = SeedanceTaskState.Running, Progress = 10 });
        await journal.RecordStatusAsync(new SeedanceTask
        {
            Id = "task_03", State = SeedanceTaskState.Succeeded, VideoUrls = ["https://cdn.example/v.mp4"], Cost = 0.5m,
            ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000),
        });
        await journal.RecordLocalFilesAsync("task_03", "/videos/task_03.mp4", null);

        var entry = await journal.FindAsync("task_03");
        Assert.NotNull(entry);
        Assert.Equal(JournalState.Succeeded, entry.State);
        Assert.Equal(10, entry.Progress);
        Assert.Equal("https://cdn.example/v.mp4", entry.VideoUrl);
        Assert.Equal(0.5m, entry.Cost);
        Assert.Equal("/videos/task_03.mp4", entry.LocalVideoPath);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_900_000_000), entry.ExpiresAt);
    }

    [SkippableFact]
    public async Task UnsureSubmits_ListedThenSettled()
    {
        var journal = new TaskJournal(Database);
        await journal.RecordSubmittingAsync("unconfirmed-a", "{}", null, null, null, "ka");
        await journal.RecordSubmittingAsync("unconfirmed-b", "{}", null, null, null, "kb");
        await journal.RecordSubmittingAsync("unconfirmed-c", "{}", null, null, null, "kc");
        await journal.MarkUnconfirmedAsync("unconfirmed-a", "timed out");

        Assert.Equal(3, (await journal.ListUnsettledSubmitsAsync()).Count);
        await journal.MarkRefusedAsync("unconfirmed-a", "refused");
        await journal.ForgetAsync("unconfirmed-b");

        var left = Assert.Single(await journal.ListUnsettledSubmitsAsync());
        Assert.Equal("unconfirmed-c", left.TaskId);
        Assert.Equal(JournalState.Failed, (await journal.FindAsync("unconfirmed-a"))!.State);
        Assert.Null(await journal.FindAsync("unconfirmed-b"));
    }

    [SkippableFact]
    public async Task List_NewestFirst_FilteredAndPaged()
    {
        var journal = new TaskJournal(Database);
        for (var i = 0; i < 5; i++)
        {
            await journal.RecordStatusAsync(new SeedanceTask
            {
                Id = $"task_l{i}", State = i % 2 == 0 ? SeedanceTaskState.Succeeded : SeedanceTaskState.Running,
                CreatedAt = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000 + i),
            });
        }

        Assert.Equal(["task_l4", "task_l3", "task_l2"], (await journal.ListAsync(3)).Select(e => e.TaskId));
        Assert.Equal(["task_l1", "task_l0"], (await journal.ListAsync(3, 3, null)).Select(e => e.TaskId));
        Assert.Equal(["task_l4", "task_l2", "task_l0"], (await journal.ListAsync(10, [JournalState.Succeeded])).Select(e => e.TaskId));
        Assert.Equal(2, (await journal.CreatedSinceAsync(DateTimeOffset.FromUnixTimeSeconds(1_800_000_003))).Count);
    }

    [SkippableFact]
    public async Task AnotherOwner_SeesNothing_AndCannotChangeTheRows()
    {
        var journal = new TaskJournal(Database);
        var films = new SequenceJournal(Database);
        var quotes = new PaidQuoteStore(Database, TimeProvider.System);
        string quote;
        using (SeedanceCaller.Use(SeedanceCaller.For("alice")))
        {
            await journal.RecordSubmittingAsync("unconfirmed-x", "{}", null, "alice's", null, "kx");
            await journal.ConfirmSubmittedAsync("unconfirmed-x", "task_alice");
            await films.CreateSequenceAsync(NewFilm("seq_alice"));
            quote = (await quotes.IssueAsync("generate_video", "binding", CancellationToken.None)).Id;
        }

        using (SeedanceCaller.Use(SeedanceCaller.For("bob")))
        {
            Assert.Null(await journal.FindAsync("task_alice"));
            Assert.Empty(await journal.ListAsync(10));
            Assert.Empty(await journal.CreatedSinceAsync(DateTimeOffset.UnixEpoch));
            Assert.Null(await journal.FindByKeyPrefixAsync("kx"));
            Assert.Null(await films.FindSequenceAsync("seq_alice"));
            Assert.Empty(await films.ListSequencesAsync(10));
            Assert.False(await films.RequestStopAsync("seq_alice"));
            Assert.Equal("no such quote is known here", await quotes.RedeemAsync(quote, "generate_video", "binding", CancellationToken.None));
            await journal.RecordStatusAsync(new SeedanceTask { Id = "task_alice", State = SeedanceTaskState.Failed });
            await journal.RecordLocalFilesAsync("task_alice", "/bob/file.mp4", null);
        }

        Assert.Empty(await journal.ListAsync(10));
        using (SeedanceCaller.Use(SeedanceCaller.For("alice")))
        {
            var entry = await journal.FindAsync("task_alice");
            Assert.NotNull(entry);
            Assert.Equal(JournalState.Queued, entry.State);
            Assert.Null(entry.LocalVideoPath);
            Assert.Equal(SequenceState.Running, (await films.FindSequenceAsync("seq_alice"))!.State);
            Assert.Null(await quotes.RedeemAsync(quote, "generate_video", "binding", CancellationToken.None));
            Assert.Equal("it was already used for a call", await quotes.RedeemAsync(quote, "generate_video", "binding", CancellationToken.None));
        }
    }

    [SkippableFact]
    public async Task Film_ShotsStopAndFinish()
    {
        var journal = new TaskJournal(Database);
        var films = new SequenceJournal(Database);
        await films.CreateSequenceAsync(NewFilm("seq_1"));
        await journal.RecordSubmittingAsync("unconfirmed-s1", "{}", null, "shot 1", null, "ks1", null, "seq_1", 1);
        await journal.ConfirmSubmittedAsync("unconfirmed-s1", "task_s1");

        await Assert.ThrowsAsync<TaskJournalException>(() =>
            journal.RecordSubmittingAsync("unconfirmed-again", "{}", null, "shot 1 again", null, "ks1b", null, "seq_1", 1));
        Assert.True(await films.RequestStopAsync("seq_1"));
        await Assert.ThrowsAsync<TaskJournalException>(() =>
            journal.RecordSubmittingAsync("unconfirmed-s2", "{}", null, "shot 2", null, "ks2", null, "seq_1", 2));
        await films.FinishStoppedAsync("seq_1", 1, "[]", "/films/seq_1.mp4", 4.0, "concat", "ffmpeg …", "stopped");

        var film = await films.FindSequenceAsync("seq_1");
        Assert.Equal(SequenceState.Stopped, film!.State);
        Assert.Equal(1, film.ShotCount);
        Assert.Equal(4.0, film.FilmSeconds);
        var shot = Assert.Single(await films.ShotsAsync("seq_1"));
        Assert.Equal("task_s1", shot.TaskId);
        Assert.Equal(1, shot.Shot);
        await films.AddShotAsync("seq_1", 2);
        Assert.Equal((2, SequenceState.Running), ((await films.FindSequenceAsync("seq_1"))!.ShotCount, (await films.FindSequenceAsync("seq_1"))!.State));
    }

    [SkippableFact]
    public async Task SpendAdmission_RacedByTwoInstances_AdmitsExactlyOne()
    {
        var first = new TaskJournal(Database);
        var second = new TaskJournal(SameDatabaseAgain());
        var admission = new SpendAdmission(DateTimeOffset.UnixEpoch, (tasks, _) =>
        {
            if (tasks.Count >= 1)
            {
                throw new InvalidOperationException("over budget");
            }
        });

        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(() => (i % 2 == 0 ? first : second).RecordSubmittingAsync(
            $"unconfirmed-r{i}", "{}", null, null, null, $"kr{i}", null, null, null, admission, CancellationToken.None))).ToArray();
        var outcomes = await Task.WhenAll(attempts.Select(async a =>
        {
            try
            {
                await a;
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }));

        Assert.Equal(1, outcomes.Count(o => o));
        Assert.Single(await first.ListAsync(10));
    }

    [SkippableFact]
    public async Task TwoInstancesStartingAtOnce_BothReady()
    {
        var database = Database;
        var other = SameDatabaseAgain();

        await Task.WhenAll(Task.Run(database.EnsureReady), Task.Run(other.EnsureReady));
        await database.CheckReachableAsync();
        await other.CheckReachableAsync();

        Assert.Empty(await new TaskJournal(other).ListAsync(1));
    }

    [SkippableFact]
    public async Task Lease_OneHolderAtATime_TakenOverWhenItLapses()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var first = new JournalLeases(NewDatabase(clock), "first");
        var second = new JournalLeases(SameDatabaseAgain(clock), "second");
        var films = new SequenceJournal(SameDatabaseAgain(clock));
        await films.CreateSequenceAsync(NewFilm("seq_leased"));
        Assert.Contains(("seq_leased", ""), await first.UnclaimedFilmsAsync(10));

        Assert.True(await first.TryClaimAsync(JournalLeases.FilmWork("seq_leased")));
        Assert.False(await second.TryClaimAsync(JournalLeases.FilmWork("seq_leased")));
        Assert.DoesNotContain(("seq_leased", ""), await second.UnclaimedFilmsAsync(10));
        clock.Advance(JournalLeases.Lifetime / 2);
        Assert.True(await first.TryClaimAsync(JournalLeases.FilmWork("seq_leased")));
        clock.Advance(JournalLeases.Lifetime / 2 + TimeSpan.FromSeconds(1));
        Assert.False(await second.TryClaimAsync(JournalLeases.FilmWork("seq_leased")));

        clock.Advance(JournalLeases.Lifetime);
        Assert.Contains(("seq_leased", ""), await second.UnclaimedFilmsAsync(10));
        Assert.True(await second.TryClaimAsync(JournalLeases.FilmWork("seq_leased")));
        Assert.False(await first.TryClaimAsync(JournalLeases.FilmWork("seq_leased")));
        await first.ReleaseAsync(JournalLeases.FilmWork("seq_leased"));
        Assert.False(await first.TryClaimAsync(JournalLeases.FilmWork("seq_leased")));
        await second.ReleaseAsync(JournalLeases.FilmWork("seq_leased"));
        Assert.True(await first.TryClaimAsync(JournalLeases.FilmWork("seq_leased")));
    }

    [SkippableFact]
    public async Task Lease_HeldByAProcessOfThisMachineThatIsGone_TakenAtOnce()
    {
        using var gone = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        await gone.WaitForExitAsync();
        var dead = new JournalLeases(NewDatabase(), $"{Environment.MachineName}:{gone.Id}:0000");
        var alive = new JournalLeases(SameDatabaseAgain());
        var sameProcess = new JournalLeases(SameDatabaseAgain());

        Assert.True(await dead.TryClaimAsync("film:seq_crashed"));
        Assert.True(await alive.TryClaimAsync("film:seq_crashed"));
        Assert.False(await sameProcess.TryClaimAsync("film:seq_crashed"));
    }

    [SkippableFact]
    public async Task RequestCounts_PerCallerAndMinute_SharedByEveryConnection()
    {
        var here = new RequestCounts(NewDatabase());
        var elsewhere = new RequestCounts(SameDatabaseAgain());

        using (SeedanceCaller.Use(SeedanceCaller.For("alice")))
        {
            Assert.Equal(1, await here.CountAsync(1000));
            Assert.Equal(2, await elsewhere.CountAsync(1000));
            Assert.Equal(3, await here.CountAsync(1000));
            Assert.Equal(1, await elsewhere.CountAsync(1001));
        }

        using (SeedanceCaller.Use(SeedanceCaller.For("bob")))
        {
            Assert.Equal(1, await here.CountAsync(1001));
        }

        // Minutes before the last are dropped as the minutes turn.
        using (SeedanceCaller.Use(SeedanceCaller.For("alice")))
        {
            Assert.Equal(1, await here.CountAsync(1003));
            Assert.Equal(1, await here.CountAsync(1000));
        }
    }

    private static SequenceEntry NewFilm(string id) => new()
    {
        SequenceId = id,
        CreatedAt = DateTimeOffset.UtcNow,
        UpdatedAt = DateTimeOffset.UtcNow,
        PlanJson = "[]",
        ShotCount = 2,
        State = SequenceState.Running,
    };
}
