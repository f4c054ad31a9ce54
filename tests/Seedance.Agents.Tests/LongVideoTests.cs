using System.Text.Json;
using Seedance.Agents.Journal;
using Seedance.Agents.Results;
using Seedance.Agents.Spending;
using Seedance.Agents.Tools;
using Seedance.Testing;

namespace Seedance.Agents.Tests;

/// <summary>generate_long_video in the tool layer, over the in-process sandbox and a fake clock.</summary>
public sealed class LongVideoTests
{
    private const string ThreeShots = """
        {"shots": [{"prompt": "a kite rises", "duration": 5}, {"prompt": "the kite loops over the hill", "duration": 10}, "the kite lands"],
         "resolution": "720p"}
        """;

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public async Task GenerateLongVideo_BadStoryboard_EveryProblemListedAndNothingSent()
    {
        await using var f = await AgentFixture.StartAsync();

        var one = await f.CallAsync(ToolNames.GenerateLongVideo, """{"shots": [{"prompt": "alone"}]}""");
        var bad = await f.CallAsync(ToolNames.GenerateLongVideo,
            """{"shots": [{"prompt": "fine"}, {"prompt": "too long", "duration": 31}, {"duration": 5}, {"prompt": "x", "fps": 30}, 7], "model": "nope"}""");
        var none = await f.CallAsync(ToolNames.GenerateLongVideo, "{}");

        Assert.Equal(["shots"], one.ViolationParameters());
        Assert.Equal(["shots[1].duration", "shots[2].prompt", "shots[3].fps", "shots[4]", "model"], bad.ViolationParameters());
        Assert.Equal(["shots"], none.ViolationParameters());
        Assert.All([one, bad, none], o => Assert.True(o.IsError));
        Assert.Equal(0, f.Sandbox.Counters.TasksCreated);
    }

    [Fact]
    public async Task GenerateLongVideo_DryRun_PricesEveryShotSendsAndRecordsNothing()
    {
        await using var f = await AgentFixture.StartAsync();

        var outcome = await f.CallAsync(ToolNames.GenerateLongVideo, ThreeShots.Replace("\"720p\"", "\"720p\", \"dry_run\": true", StringComparison.Ordinal));

        Assert.False(outcome.IsError, outcome.Text);
        var shots = outcome.Structured.GetProperty("shots").EnumerateArray().ToArray();
        Assert.Equal([5, 10, 5], shots.Select(s => s.GetProperty("duration").GetInt32()));
        Assert.Equal(shots.Sum(s => s.GetProperty("estimated_cost_usd").GetDecimal()), outcome.Structured.GetProperty("estimated_cost_usd").GetDecimal());
        Assert.Equal(20, outcome.Structured.GetProperty("total_duration").GetInt32());
        Assert.False(shots[0].GetProperty("request_body").TryGetProperty("image_with_roles", out _));
        Assert.Equal("first_frame", shots[1].GetProperty("request_body").GetProperty("image_with_roles")[0].GetProperty("role").GetString());
        Assert.All(shots, s => Assert.True(s.GetProperty("request_body").GetProperty("return_last_frame").GetBoolean()));
        Assert.Equal(0, f.Sandbox.Counters.TasksCreated);
        Assert.Empty(await f.Films.ListSequencesAsync(10));
    }

    [Theory]
    [InlineData(PaidCallDecision.Declined, 0)]
    [InlineData(PaidCallDecision.Approved, 1)]
    public async Task GenerateLongVideo_AsksOnceForTheWholeFilm(PaidCallDecision answer, int submitsAtOnce)
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.ConfirmAboveUsd = AgentFixture.ConfirmAt);
        var approver = new ScriptedApprover(answer);

        var outcome = await f.Toolset.InvokeAsync(ToolNames.GenerateLongVideo, Json(ThreeShots), new ToolCallContext(Approver: approver));
        await WaitForAsync(() => f.Sandbox.Counters.TasksCreated >= submitsAtOnce);

        var quote = Assert.Single(approver.Quotes);
        Assert.Equal(3, quote.Shots);
        Assert.Equal(20, quote.DurationSeconds);
        Assert.Contains("3 shots", quote.Message, StringComparison.Ordinal);
        Assert.Equal(answer == PaidCallDecision.Declined, outcome.IsError);
        Assert.Equal(submitsAtOnce, f.Sandbox.Counters.TasksCreated);
    }

    [Fact]
    public async Task GenerateLongVideo_OverTheDailyBudget_RefusedBeforeAnyShot()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.DailyBudgetUsd = 2m);

        var outcome = await f.CallAsync(ToolNames.GenerateLongVideo, ThreeShots);

        Assert.True(outcome.IsError);
        Assert.Equal("over_budget", outcome.Str("kind"));
        Assert.Equal(0, f.Sandbox.Counters.TasksCreated);
    }

    [Fact]
    public async Task GenerateLongVideo_WithoutFfmpeg_ShotsSavedAndTheAnswerGivesTheExactCommand()
    {
        // SEEDANCE_FFMPEG names a folder whose ffmpeg is there at start (a missing one is refused at start) and gone by the time
        // the film is stitched, as when ffmpeg is uninstalled while the server runs.
        var folder = Path.Combine(Path.GetTempPath(), "seedance-ffmpeg-gone", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var program = Path.Combine(folder, "ffmpeg");
        await File.WriteAllTextAsync(program, "#!/bin/sh\nexit 1\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await using var f = await AgentFixture.StartAsync(s => s.TaskDuration = TimeSpan.FromSeconds(20), agent: o => o.FfmpegPath = folder);

        var started = await f.CallAsync(ToolNames.GenerateLongVideo, """{"shots": ["a kite rises", "the kite lands"]}""");
        Assert.False(started.IsError, started.Text);
        File.Delete(program);
        var id = started.Str("sequence_id");
        var progress = new List<ToolProgress>();
        var done = await FollowAsync(f, id, new Progress<ToolProgress>(progress.Add));

        Assert.Equal("unstitched", done.Str("status"));
        var command = done.Str("stitch_command");
        Assert.StartsWith("ffmpeg -f concat -safe 0 -i ", command, StringComparison.Ordinal);
        Assert.Contains($"film-{id}.mp4", command, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(f.OutputDirectory, $"film-{id}.txt")));
        Assert.Contains("SEEDANCE_FFMPEG", done.Structured.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        var shots = done.Structured.GetProperty("shots").EnumerateArray().ToArray();
        Assert.All(shots, s => Assert.True(File.Exists(s.GetProperty("local_video_path").GetString())));
        var second = await f.Journal.FindAsync(shots[1].GetProperty("task_id").GetString()!);
        Assert.Contains(shots[0].GetProperty("task_id").GetString()!, second!.RequestJson, StringComparison.Ordinal);
        Assert.Equal(shots[0].GetProperty("task_id").GetString(), second.ParentTaskId);
        Assert.NotEmpty(progress);
        Assert.Equal(2, f.Sandbox.Counters.TasksCreated);
    }

    [SkippableFact]
    public async Task StopLongVideo_DuringShotOne_LaterShotsNeverSentAndTheShotDoneBecomesTheFilm()
    {
        RequiredPrograms.Ffmpeg();
        await using var f = await AgentFixture.StartAsync(s => s.TaskDuration = TimeSpan.FromSeconds(20));
        var started = await f.CallAsync(ToolNames.GenerateLongVideo, ThreeShots);
        Assert.False(started.IsError, started.Text);
        var id = started.Str("sequence_id");
        await WaitForAsync(() => f.Sandbox.Counters.TasksCreated >= 1);

        var stopped = await f.CallAsync(ToolNames.StopLongVideo, $$"""{"sequence_id": "{{id}}"}""");

        Assert.False(stopped.IsError, stopped.Text);
        Assert.Equal("stopping", stopped.Str("status"));
        Assert.False(stopped.Structured.GetProperty("done").GetBoolean());
        var note = stopped.Structured.GetProperty("warnings")[0].GetString()!;
        Assert.Contains("shots 2 to 3 will not be sent", note, StringComparison.Ordinal);
        Assert.Contains("(about $2.93 not spent)", note, StringComparison.Ordinal); // 10 s + 5 s at 720p, $0.1952/s
        Assert.Equal(["skipped", "skipped"], stopped.Structured.GetProperty("shots").EnumerateArray().Skip(1).Select(s => s.GetProperty("status").GetString()));

        var done = await FollowAsync(f, id);

        Assert.Equal("stopped", done.Str("status"));
        Assert.Equal(1, done.Structured.GetProperty("shot_count").GetInt32());
        Assert.Equal(1, f.Sandbox.Counters.TasksCreated);
        Assert.True(File.Exists(done.Str("film_path")), done.Text);
        Assert.Equal("stopped", done.Structured.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("stopped on request after shot 1 of 3: shots 2 to 3 were never sent", done.Structured.GetProperty("error").GetProperty("message").GetString(),
            StringComparison.Ordinal);
        Assert.Contains(id, (await f.CallAsync(ToolNames.ListTasks, """{"status": "succeeded"}""")).Text, StringComparison.Ordinal);

        // Stopping twice is the same as once; a stopped film can still be continued from its last shot.
        var again = await f.CallAsync(ToolNames.StopLongVideo, $$"""{"sequence_id": "{{id}}"}""");
        Assert.Contains("nothing to stop: this film is already stopped", again.Structured.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
        var extended = await f.CallAsync(ToolNames.ExtendVideo, $$"""{"task_id": "{{id}}", "prompt": "the kite flies on"}""");
        Assert.False(extended.IsError, extended.Text);
        Assert.Equal(2, f.Sandbox.Counters.TasksCreated);
        Assert.Equal(2, (await f.Films.FindSequenceAsync(id))!.ShotCount);

        // The film goes on from the extension, not from the storyboard's abandoned shot 2.
        var film = await FollowAsync(f, id);
        Assert.Equal("succeeded", film.Str("status"));
        Assert.Equal(["a kite rises", "the kite flies on"], film.Structured.GetProperty("shots").EnumerateArray().Select(s => s.GetProperty("prompt").GetString()));
        Assert.Equal(2, f.Sandbox.Counters.TasksCreated);
    }

    [Fact]
    public async Task GenerateLongVideo_FirstShotFails_LaterShotsShowNotStartedNotWaiting()
    {
        await using var f = await AgentFixture.StartAsync();
        f.Sandbox.Faults.Add("submit/fail");

        var started = await f.CallAsync(ToolNames.GenerateLongVideo, ThreeShots);
        var done = await FollowAsync(f, started.Str("sequence_id"));

        Assert.Equal("failed", done.Str("status"));
        var shots = done.Structured.GetProperty("shots").EnumerateArray().Select(s => s.GetProperty("status").GetString()!).ToArray();
        Assert.Equal(["failed", "not_started", "not_started"], shots);
        Assert.Equal(1, f.Sandbox.Counters.TasksCreated);
    }

    [Fact]
    public void TaskReport_ResultLinksThatAreNotHttp_NeverShownAsLinks()
    {
        var task = new Seedance.Client.Tasks.SeedanceTask
        {
            Id = "task_01X",
            State = Seedance.Client.Tasks.SeedanceTaskState.Succeeded,
            DroppedLinks = ["javascript:"],
        };
        var entry = Seedance.Agents.Results.TaskReportFactory.EntryFor(task);

        var report = Seedance.Agents.Results.TaskReportFactory.Build(entry, task, default, warnings: null);

        Assert.Null(report.VideoUrl);
        Assert.Contains(report.Warnings!, w => w.Contains("not http(s) (javascript:)", StringComparison.Ordinal));
        Assert.DoesNotContain("Link:", Seedance.Agents.Results.ReportText.Describe(report), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopLongVideo_TheShotInFlightFailsAfterTheStop_TheFilmEndsStoppedNotFailed()
    {
        await using var f = await AgentFixture.StartAsync(s => s.TaskDuration = TimeSpan.FromSeconds(20));
        f.Sandbox.Faults.Add("submit/fail");
        var id = (await f.CallAsync(ToolNames.GenerateLongVideo, ThreeShots)).Str("sequence_id");
        await WaitForAsync(() => f.Sandbox.Counters.TasksCreated >= 1);

        await f.CallAsync(ToolNames.StopLongVideo, $$"""{"sequence_id": "{{id}}"}""");
        var done = await FollowAsync(f, id);

        // The user asked to stop: the answer must not turn into a failed film whose next step is to pay for the rest.
        Assert.Equal("stopped", done.Str("status"));
        Assert.Equal(0, done.Structured.GetProperty("shot_count").GetInt32());
        var message = done.Structured.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains("stopped on request; shot 1 (task ", message, StringComparison.Ordinal);
        Assert.Contains("shots 2 to 3 were never sent", message, StringComparison.Ordinal);
        Assert.DoesNotContain("generate_long_video again", done.Str("next_step"), StringComparison.Ordinal);
        Assert.Contains("Nothing more will be sent or charged", done.Str("next_step"), StringComparison.Ordinal);
        Assert.Null(Assert.Single(await f.Journal.ListAsync(10)).SequenceId); // the failed shot no longer belongs to the film
        Assert.Equal(1, f.Sandbox.Counters.TasksCreated);
    }

    [SkippableFact]
    public async Task StopLongVideo_EveryShotAlreadySent_NothingToStopAndTheFilmFinishes()
    {
        RequiredPrograms.Ffmpeg();
        await using var f = await AgentFixture.StartAsync(s => s.TaskDuration = TimeSpan.FromSeconds(20));
        var id = (await f.CallAsync(ToolNames.GenerateLongVideo, """{"shots": ["a kite rises", "the kite lands"]}""")).Str("sequence_id");
        for (var i = 0; i < 30 && f.Sandbox.Counters.TasksCreated < 2; i++)
        {
            await f.CallAdvancingAsync(ToolNames.CheckTask, $$"""{"task_id": "{{id}}", "wait": 5}""");
        }

        var stop = await f.CallAsync(ToolNames.StopLongVideo, $$"""{"sequence_id": "{{id}}"}""");
        var done = await FollowAsync(f, id);

        Assert.Equal(2, f.Sandbox.Counters.TasksCreated);
        Assert.Equal("running", stop.Str("status"));
        Assert.Contains("every one of the 2 shots was already sent", stop.Structured.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("succeeded", done.Str("status"));
        Assert.Equal(2, done.Structured.GetProperty("shot_count").GetInt32());
    }

    [SkippableFact]
    public async Task StopLongVideo_BadOrUnknownOrFinished_ClearAnswersAndNothingChanges()
    {
        RequiredPrograms.Ffmpeg();
        await using var f = await AgentFixture.StartAsync();

        var bad = await f.CallAsync(ToolNames.StopLongVideo, """{"sequence_id": "task_123"}""");
        var unknown = await f.CallAsync(ToolNames.StopLongVideo, """{"sequence_id": "seq_0123456789abcdef0123"}""");
        var started = await f.CallAsync(ToolNames.GenerateLongVideo, """{"shots": ["a kite rises", "the kite lands"]}""");
        var id = started.Str("sequence_id");
        var done = await FollowAsync(f, id);
        var late = await f.CallAsync(ToolNames.StopLongVideo, $$"""{"sequence_id": "{{id}}"}""");

        Assert.Equal(["sequence_id"], bad.ViolationParameters());
        Assert.Contains("seq_", bad.Text, StringComparison.Ordinal);
        Assert.True(unknown.IsError);
        Assert.Contains("seq_0123456789abcdef0123", unknown.Text, StringComparison.Ordinal);
        Assert.Equal("succeeded", done.Str("status"));
        Assert.False(late.IsError, late.Text);
        Assert.Equal("succeeded", late.Str("status"));
        Assert.Contains("nothing to stop: this film is already succeeded", late.Structured.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(2, f.Sandbox.Counters.TasksCreated);
    }

    [Fact]
    public async Task Journal_StopRequested_NoShotOfThatFilmCanBeJournaledButOtherTasksCan()
    {
        var path = Path.Combine(Path.GetTempPath(), "seedance-journal-stop", Guid.NewGuid().ToString("N") + ".db");
        var database = new JournalDatabase(path);
        var journal = new TaskJournal(database);
        var films = new SequenceJournal(database);
        await films.CreateSequenceAsync(new SequenceEntry
        {
            SequenceId = "seq_1", CreatedAt = default, UpdatedAt = default, PlanJson = "[]", ShotCount = 3, State = SequenceState.Running,
        });
        await journal.RecordSubmittingAsync("unconfirmed-a", "{}", "m", "p", null, "k1", null, "seq_1", 1);

        Assert.True(await films.RequestStopAsync("seq_1"));
        Assert.False(await films.RequestStopAsync("seq_1"));
        await Assert.ThrowsAsync<TaskJournalException>(() => journal.RecordSubmittingAsync("unconfirmed-b", "{}", "m", "p", null, "k2", null, "seq_1", 2));
        await journal.RecordSubmittingAsync("unconfirmed-c", "{}", "m", "p", null, "k3", null, null, null);
        await films.FinishStoppedAsync("seq_1", 1, "[]", null, null, null, null, "stopped");
        await journal.RecordSubmittingAsync("unconfirmed-d", "{}", "m", "p", null, "k4", null, "seq_1", 2); // an extension of the stopped film

        Assert.Equal(["unconfirmed-a", "unconfirmed-d"], (await films.ShotsAsync("seq_1")).Select(e => e.TaskId));
        Assert.NotNull(await journal.FindAsync("unconfirmed-c"));
        Assert.Equal((SequenceState.Stopped, 1), ((await films.FindSequenceAsync("seq_1"))!.State, (await films.FindSequenceAsync("seq_1"))!.ShotCount));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    [Fact]
    public async Task Journal_WrittenBySchemaTwo_GainsSequencesAndKeepsItsTasks_OneRowPerShot()
    {
        var path = OldJournals.Write(schema: 2);
        var database = new JournalDatabase(path);
        var journal = new TaskJournal(database);
        var films = new SequenceJournal(database);
        await films.CreateSequenceAsync(new SequenceEntry
        {
            SequenceId = "seq_1", CreatedAt = default, UpdatedAt = default, PlanJson = "[]", ShotCount = 2, State = SequenceState.Running,
        });
        await journal.RecordSubmittingAsync("unconfirmed-a", "{}", "m", "p", null, "k1", null, "seq_1", 1);
        await journal.ConfirmSubmittedAsync("unconfirmed-a", "task_a");

        Assert.NotNull(await journal.FindAsync("task_old"));
        Assert.Equal(("seq_1", 1), ((await journal.FindAsync("task_a"))!.SequenceId, (await journal.FindAsync("task_a"))!.Shot));
        await Assert.ThrowsAsync<TaskJournalException>(() => journal.RecordSubmittingAsync("unconfirmed-b", "{}", "m", "p", null, "k2", null, "seq_1", 1));
        Assert.Equal("task_a", Assert.Single(await films.ShotsAsync("seq_1")).TaskId);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    /// <summary>Follows a sequence with check_task (the clock moving meanwhile) until it is done.</summary>
    private static async Task<ToolOutcome> FollowAsync(AgentFixture f, string id, IProgress<ToolProgress>? progress = null)
    {
        // Waits well inside the call's time limit: the fake clock moves on its own schedule while the work is real I/O.
        for (var call = 0; call < 60; call++)
        {
            var outcome = await f.CallAdvancingAsync(ToolNames.CheckTask, $$"""{"task_id": "{{id}}", "wait": 20}""", progress);
            Assert.False(outcome.IsError, outcome.Text);
            if (outcome.Structured.GetProperty("done").GetBoolean())
            {
                return outcome;
            }
        }

        throw new Xunit.Sdk.XunitException($"{id} did not finish");
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Yield();
            await Task.Delay(10);
        }
    }

    private sealed class ScriptedApprover(PaidCallDecision answer) : IPaidCallApprover
    {
        public List<PaidCallQuote> Quotes { get; } = [];

        public ValueTask<PaidCallDecision> ApproveAsync(PaidCallQuote quote, CancellationToken cancellationToken)
        {
            Quotes.Add(quote);
            return ValueTask.FromResult(answer);
        }
    }
}
