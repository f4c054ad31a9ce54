using Seedance.Testing;
using Seedance.Agents.Journal;
using Seedance.Agents.Tools;

namespace Seedance.Agents.Tests;

/// <summary>Provider faults seen through the tools: clear answers, nothing paid twice, nothing lost.</summary>
public sealed class ReliabilityTests
{
    [Theory]
    [InlineData("submit/drop", true)]
    [InlineData("submit/500", false)]
    [InlineData("submit/truncated", true)]
    public async Task GenerateVideo_UnsureSubmit_SettledByReplayInTheCall_OneTask(string fault, bool createdByTheFirst)
    {
        await using var f = await AgentFixture.StartAsync();
        f.Sandbox.Faults.Add(fault);

        var outcome = await f.CallAdvancingAsync(ToolNames.GenerateVideo, """{"prompt":"a cat"}""", step: TimeSpan.FromMilliseconds(200));
        var unconfirmed = await f.CallAsync(ToolNames.ListTasks, """{"status":"unconfirmed"}""");

        Assert.False(outcome.IsError, outcome.Text);
        Assert.Equal(2, f.Sandbox.Counters.SubmitsReceived);
        Assert.Equal(1, f.Sandbox.Counters.TasksCreated);
        Assert.Equal(outcome.Str("task_id"), Assert.Single(f.Sandbox.TaskIds));
        Assert.Equal(createdByTheFirst, outcome.Text.Contains("nothing was paid twice", StringComparison.Ordinal));
        Assert.Equal(0, unconfirmed.Structured.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task GenerateVideo_StillUnsureAfterEveryAttempt_UnconfirmedThenSettledByCheckTask()
    {
        await using var f = await AgentFixture.StartAsync();
        f.Sandbox.Faults.Add("submit/drop*3");

        var outcome = await f.CallAdvancingAsync(ToolNames.GenerateVideo, """{"prompt":"a cat"}""", step: TimeSpan.FromMilliseconds(200));
        var listed = await f.CallAsync(ToolNames.ListTasks, """{"status":"unconfirmed"}""");
        var placeholder = Assert.Single(listed.Structured.GetProperty("tasks").EnumerateArray()).GetProperty("task_id").GetString()!;
        var settled = await f.CallAdvancingAsync(ToolNames.CheckTask, $$"""{"task_id":"{{placeholder}}"}""", step: TimeSpan.FromMilliseconds(200));

        Assert.True(outcome.IsError);
        Assert.Equal("submit_unconfirmed", outcome.Str("kind"));
        Assert.True(outcome.Structured.GetProperty("charged").GetBoolean());
        Assert.Contains("Do NOT call the tool again", outcome.Str("next_step"), StringComparison.Ordinal);
        Assert.Equal(3 + 1, f.Sandbox.Counters.SubmitsReceived); // three attempts in the call, one more to settle it
        Assert.False(settled.IsError, settled.Text);
        Assert.Equal(Assert.Single(f.Sandbox.TaskIds), settled.Str("task_id"));
        Assert.Contains("settled", settled.Text, StringComparison.Ordinal);
        Assert.Equal(1, f.Sandbox.Counters.TasksCreated);
        Assert.DoesNotContain(await f.Journal.ListAsync(10), e => e.State == JournalState.Unconfirmed);
    }

    [Fact]
    public async Task CheckTask_ReplayOfAnInterruptedSubmitRateLimited_EntryKeptAndSettledLater()
    {
        await using var f = await AgentFixture.StartAsync();
        // What a crash in the middle of a POST leaves: the entry, its exact body and key, still marked as being sent.
        const string Placeholder = "unconfirmed-crashed0000001";
        await f.Journal.RecordSubmittingAsync(Placeholder, """{"model":"doubao-seedance-2.0","prompt":"a cat"}""", "doubao-seedance-2.0", "a cat",
            null, "key-crashed-0000001");

        // The replay that would settle it is refused for now (a 429 with a long Retry-After): that says nothing of the
        // interrupted send, which the provider may have made into a task, so the entry must stay.
        f.Sandbox.Faults.Add("submit/429:60");
        var refused = await f.CallAdvancingAsync(ToolNames.CheckTask, $$"""{"task_id":"{{Placeholder}}"}""", step: TimeSpan.FromMilliseconds(200));
        var kept = await f.Journal.FindAsync(Placeholder);
        var settled = await f.CallAdvancingAsync(ToolNames.CheckTask, $$"""{"task_id":"{{Placeholder}}"}""", step: TimeSpan.FromMilliseconds(200));

        Assert.False(refused.IsError, refused.Text);
        Assert.Contains("could not settle this submit now", refused.Text, StringComparison.Ordinal);
        Assert.NotNull(kept);
        Assert.False(settled.IsError, settled.Text);
        Assert.Equal(Assert.Single(f.Sandbox.TaskIds), settled.Str("task_id"));
        Assert.Equal(1, f.Sandbox.Counters.TasksCreated);
    }

    [Fact]
    public async Task GenerateVideo_ReplayOff_UnsureSubmitSentOnceAndJournaledAsUnconfirmed()
    {
        await using var f = await AgentFixture.StartAsync(client: c => c.ReplayUnsureSubmits = false);
        f.Sandbox.Faults.Add("submit/drop");

        var outcome = await f.CallAdvancingAsync(ToolNames.GenerateVideo, """{"prompt":"a cat"}""", step: TimeSpan.FromMilliseconds(200));
        var listed = await f.CallAsync(ToolNames.ListTasks, """{"status":"unconfirmed"}""");

        Assert.Equal("submit_unconfirmed", outcome.Str("kind"));
        Assert.Equal(1, f.Sandbox.Counters.SubmitsReceived);
        var entry = Assert.Single(listed.Structured.GetProperty("tasks").EnumerateArray());
        Assert.Equal("a cat", entry.GetProperty("prompt").GetString());
    }

    [Fact]
    public async Task GenerateVideo_SubmitRateLimitedOnce_OneTaskOneEntry()
    {
        await using var f = await AgentFixture.StartAsync();
        f.Sandbox.Faults.Add("submit/429:0");

        var outcome = await f.CallAdvancingAsync(ToolNames.GenerateVideo, """{"prompt":"a cat"}""", step: TimeSpan.FromMilliseconds(200));

        Assert.False(outcome.IsError, outcome.Text);
        Assert.Equal(1, f.Sandbox.Counters.TasksCreated);
        Assert.Single(await f.Journal.ListAsync(10));
    }

    [Fact]
    public async Task GenerateVideo_NoBalance_SaysTopUpAndJournalStaysEmpty()
    {
        await using var f = await AgentFixture.StartAsync(s => s.StartingBalance = 0m);

        var outcome = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt":"a cat"}""");

        Assert.Equal("payment_required", outcome.Str("kind"));
        Assert.Contains("top up", outcome.Str("next_step"), StringComparison.Ordinal);
        Assert.False(outcome.Structured.GetProperty("charged").GetBoolean());
        Assert.Empty(await f.Journal.ListAsync(10));
    }

    [Fact]
    public async Task GenerateVideo_WrongKey_SaysWhichVariableAndNeverShowsTheKey()
    {
        await using var f = await AgentFixture.StartAsync(client: o => o.ApiKey = "sk-live-THIS-MUST-NOT-LEAK");

        var outcome = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt":"a cat"}""");

        Assert.Equal("authentication", outcome.Str("kind"));
        Assert.Contains("SEEDANCE_API_KEY", outcome.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("THIS-MUST-NOT-LEAK", outcome.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("THIS-MUST-NOT-LEAK", outcome.Structured.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckTask_RateLimitedBeyondRetries_SaysRetryCheckNotGenerate()
    {
        await using var f = await AgentFixture.StartAsync(client: o => o.ReadRetries = 0);
        var id = (await f.CallAsync(ToolNames.GenerateVideo, """{"prompt":"a cat"}""")).Str("task_id");
        f.Sandbox.Faults.Add("status/429:4");

        var outcome = await f.CallAdvancingAsync(ToolNames.CheckTask, $$"""{"task_id":"{{id}}"}""", step: TimeSpan.FromMilliseconds(500));

        Assert.Equal("rate_limited", outcome.Str("kind"));
        Assert.Contains("call check_task again", outcome.Str("next_step"), StringComparison.Ordinal);
        Assert.Contains("do not call generate_video", outcome.Str("next_step"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckTask_TransientStatusFaults_StillAnswers()
    {
        await using var f = await AgentFixture.StartAsync();
        var id = (await f.CallAsync(ToolNames.GenerateVideo, """{"prompt":"a cat"}""")).Str("task_id");
        f.Sandbox.Faults.Add("status/502*2");

        var outcome = await f.CallAdvancingAsync(ToolNames.CheckTask, $$"""{"task_id":"{{id}}"}""", step: TimeSpan.FromMilliseconds(200));

        Assert.False(outcome.IsError, outcome.Text);
        Assert.Equal(3, f.Sandbox.Counters.StatusCalls);
    }

    [Fact]
    public async Task GenerateVideo_Replay409WhileTheFirstIsInFlight_UnconfirmedNeverCallAgainThenSettledWithTheOneTask()
    {
        await using var f = await AgentFixture.StartAsync();
        // The first send creates the task but its answer is lost; the replay finds it still being processed (409).
        f.Sandbox.Faults.Add("submit/drop");
        f.Sandbox.Faults.Add("submit/busy:1");

        var outcome = await f.CallAdvancingAsync(ToolNames.GenerateVideo, """{"prompt":"a cat"}""", step: TimeSpan.FromMilliseconds(200));
        var placeholder = Assert.Single(await f.Journal.ListAsync(10)).TaskId;
        var settled = await f.CallAdvancingAsync(ToolNames.CheckTask, $$"""{"task_id":"{{placeholder}}"}""", step: TimeSpan.FromMilliseconds(200));

        Assert.True(outcome.IsError);
        Assert.Equal("submit_unconfirmed", outcome.Str("kind"));
        Assert.True(outcome.Structured.GetProperty("charged").GetBoolean());
        Assert.DoesNotContain("nothing was charged", outcome.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("call generate_video again", outcome.Str("next_step"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Assert.Single(f.Sandbox.TaskIds), settled.Str("task_id"));
        Assert.Equal(1, f.Sandbox.Counters.TasksCreated);
    }

    [Fact]
    public async Task JournalRecovery_ReplayLeasedByAnotherLiveProcess_NotSentHere_SentOnceTheLeaseIsFree()
    {
        await using var f = await AgentFixture.StartAsync();
        const string Placeholder = "unconfirmed-leased00000001";
        await f.Journal.RecordSubmittingAsync(Placeholder, """{"model":"doubao-seedance-2.0","prompt":"a cat"}""", "doubao-seedance-2.0", "a cat",
            null, "key-leased-00000001");
        var elsewhere = new JournalLeases(new JournalDatabase(f.JournalPath, f.Time), "another-machine:1:0000");
        Assert.True(await elsewhere.TryClaimAsync(Seedance.Agents.Tasks.JournaledSubmitter.ReplayWork(Placeholder)));

        // Another process sharing the journal is sending it again: this one leaves it alone.
        await f.Recovery.RunAsync();
        Assert.Equal(0, f.Sandbox.Counters.SubmitsReceived);
        Assert.NotNull(await f.Journal.FindAsync(Placeholder));

        // That process let go without settling it (it was refused a moment, say): the next pass here sends it, once.
        await elsewhere.ReleaseAsync(Seedance.Agents.Tasks.JournaledSubmitter.ReplayWork(Placeholder));
        await f.Recovery.RunAsync();
        await f.Recovery.RunAsync();
        Assert.Equal(1, f.Sandbox.Counters.SubmitsReceived);
        Assert.Null(await f.Journal.FindAsync(Placeholder));
        Assert.Equal(Assert.Single(f.Sandbox.TaskIds), Assert.Single(await f.Journal.ListAsync(10)).TaskId);
    }

    [Fact]
    public async Task JournalRecovery_Replay409_StaysUnconfirmedAndALaterRunSettlesTheOneTask()
    {
        await using var f = await AgentFixture.StartAsync();
        f.Sandbox.Faults.Add("submit/drop");
        f.Sandbox.Faults.Add("submit/busy:2");
        await f.CallAdvancingAsync(ToolNames.GenerateVideo, """{"prompt":"a cat"}""", step: TimeSpan.FromMilliseconds(200));

        // The first send's task exists; the start-up replay is answered 409 while it is "still being processed".
        await f.Recovery.RunAsync();
        var afterFirstRun = Assert.Single(await f.Journal.ListAsync(10));
        await f.Recovery.RunAsync();
        var afterSecondRun = Assert.Single(await f.Journal.ListAsync(10));

        Assert.Equal(JournalState.Unconfirmed, afterFirstRun.State);
        Assert.Equal(Assert.Single(f.Sandbox.TaskIds), afterSecondRun.TaskId);
        Assert.Equal(1, f.Sandbox.Counters.TasksCreated);
    }

    [Fact]
    public async Task GenerateVideo_UnsureAndTheReplayRefused409_SettledInTheBackgroundThenCheckTaskOfTheOldIdFollowsIt()
    {
        await using var f = await AgentFixture.StartAsync();
        f.Sandbox.Faults.Add("submit/drop");
        f.Sandbox.Faults.Add("submit/busy:1");
        await f.CallAdvancingAsync(ToolNames.GenerateVideo, """{"prompt":"a cat"}""", step: TimeSpan.FromMilliseconds(200));
        var placeholder = Assert.Single(await f.Journal.ListAsync(10)).TaskId;

        // No call: the server sends it again by itself after a pause, and the provider answers with the task it made.
        var settled = Task.Run(async () =>
        {
            while (Seedance.Agents.Tasks.JournaledSubmitter.IsPlaceholder(Assert.Single(await f.Journal.ListAsync(10)).TaskId))
            {
                await Task.Yield();
            }
        });
        await f.Time.AdvanceUntilDoneAsync(settled, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        var followed = await f.CallAdvancingAsync(ToolNames.CheckTask, $$"""{"task_id":"{{placeholder}}"}""", step: TimeSpan.FromMilliseconds(200));

        Assert.True(settled.IsCompletedSuccessfully);
        Assert.Equal(Assert.Single(f.Sandbox.TaskIds), Assert.Single(await f.Journal.ListAsync(10)).TaskId);
        Assert.False(followed.IsError, followed.Text);
        Assert.Equal(Assert.Single(f.Sandbox.TaskIds), followed.Str("task_id"));
        Assert.Equal(1, f.Sandbox.Counters.TasksCreated);
    }

    [Fact]
    public async Task EveryCreatedTask_IsInTheJournal()
    {
        await using var f = await AgentFixture.StartAsync();
        f.Sandbox.Faults.Add("submit/drop*3");
        await f.CallAdvancingAsync(ToolNames.GenerateVideo, """{"prompt":"one"}""", step: TimeSpan.FromMilliseconds(200));
        await f.CallAdvancingAsync(ToolNames.GenerateVideo, """{"prompt":"two"}""", step: TimeSpan.FromMilliseconds(200));
        await f.CallAsync(ToolNames.GenerateVideo, """{"prompt":"three","duration":99}""");

        var entries = await f.Journal.ListAsync(50);

        // "one" stayed unsure through all its attempts (its task exists at the provider, unconfirmed here); "two" went through.
        Assert.Equal(2, f.Sandbox.Counters.TasksCreated);
        Assert.Equal(2, entries.Count);
        Assert.Single(entries, e => e.State == JournalState.Unconfirmed);
        Assert.Single(f.Sandbox.TaskIds, id => entries.Any(e => e.TaskId == id));
    }
}
