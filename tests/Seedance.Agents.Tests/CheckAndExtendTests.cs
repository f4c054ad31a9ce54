using System.Text.Json;
using Seedance.Agents.Journal;
using Seedance.Agents.Tools;

namespace Seedance.Agents.Tests;

public sealed class CheckAndExtendTests
{
    private static async Task<string> GenerateAsync(AgentFixture f, string json = """{"prompt":"a cat walks","size":"9:16","generate_audio":true,"resolution":"480p"}""")
    {
        var outcome = await f.CallAsync(ToolNames.GenerateVideo, json);
        Assert.False(outcome.IsError, outcome.Text);
        return outcome.Str("task_id");
    }

    [Fact]
    public async Task CheckTask_NoWait_ReportsRunningAndJournals()
    {
        await using var f = await AgentFixture.StartAsync();
        var id = await GenerateAsync(f);
        f.Time.Advance(TimeSpan.FromSeconds(30));

        var outcome = await f.CallAsync(ToolNames.CheckTask, $$"""{"task_id":"{{id}}"}""");

        Assert.Equal("running", outcome.Str("status"));
        Assert.False(outcome.Structured.GetProperty("done").GetBoolean());
        Assert.InRange(outcome.Structured.GetProperty("progress").GetInt32(), 30, 60);
        Assert.Contains("check_task", outcome.Str("next_step"), StringComparison.Ordinal);
        Assert.Equal(JournalState.Running, (await f.Journal.FindAsync(id))!.State);
    }

    [Fact]
    public async Task CheckTask_WaitShorterThanTask_ReturnsAtTheDeadlineStillRunning()
    {
        await using var f = await AgentFixture.StartAsync(s => s.TaskDuration = TimeSpan.FromMinutes(5));
        var id = await GenerateAsync(f);

        var outcome = await f.CallAdvancingAsync(ToolNames.CheckTask, $$"""{"task_id":"{{id}}","wait":20}""");

        // Still running after 20 s of a 5-minute task: the wait ended at its deadline, not at the task's end.
        Assert.Equal("running", outcome.Str("status"));
        Assert.InRange(f.Sandbox.Counters.StatusCalls, 4, 6);
        // The fake clock keeps moving a second per few real milliseconds while the answer is journaled and written,
        // so how far past 20 s it stands depends on the load of the machine; it is never short of 20 s, nor long past it.
        Assert.InRange(f.Time.GetUtcNow() - AgentFixture.Start, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task CheckTask_Completed_DownloadsOnceAndReusesTheFile()
    {
        await using var f = await AgentFixture.StartAsync();
        var id = await GenerateAsync(f);
        f.Time.Advance(TimeSpan.FromMinutes(2));

        var first = await f.CallAsync(ToolNames.CheckTask, $$"""{"task_id":"{{id}}"}""");
        var written = File.GetLastWriteTimeUtc(first.Str("local_video_path"));
        var second = await f.CallAsync(ToolNames.CheckTask, $$"""{"task_id":"{{id}}"}""");

        Assert.Equal("succeeded", first.Str("status"));
        Assert.Equal(first.Str("local_video_path"), second.Str("local_video_path"));
        Assert.Equal(written, File.GetLastWriteTimeUtc(second.Str("local_video_path")));
        Assert.Equal(Path.Combine(f.OutputDirectory, id + ".mp4"), first.Str("local_video_path"));
        Assert.Equal(5 * 0.0907m, first.Structured.GetProperty("cost_usd").GetDecimal()); // the published 480p price, as the sandbox charges it
        Assert.NotNull(first.StrOrNull("video_expires_at"));
        Assert.Contains(first.Str("local_video_path"), first.Text, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(f.OutputDirectory, "*.part"));
    }

    [Fact]
    public async Task CheckTask_DownloadsOff_LinksOnly()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.DownloadResults = false);
        var id = await GenerateAsync(f);
        f.Time.Advance(TimeSpan.FromMinutes(2));

        var outcome = await f.CallAsync(ToolNames.CheckTask, $$"""{"task_id":"{{id}}"}""");

        Assert.Equal("succeeded", outcome.Str("status"));
        Assert.Null(outcome.StrOrNull("local_video_path"));
        Assert.NotNull(outcome.StrOrNull("video_url"));
        Assert.False(Directory.Exists(f.OutputDirectory));
    }

    [Fact]
    public async Task CheckTask_Failed_GivesProviderReason()
    {
        await using var f = await AgentFixture.StartAsync();
        f.Sandbox.Faults.Add("submit/fail");
        var id = await GenerateAsync(f);
        f.Time.Advance(TimeSpan.FromMinutes(2));

        var outcome = await f.CallAsync(ToolNames.CheckTask, $$"""{"task_id":"{{id}}"}""");

        Assert.False(outcome.IsError);
        Assert.Equal("failed", outcome.Str("status"));
        Assert.Equal("content_policy_violation", outcome.Structured.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("generate_video again", outcome.Str("next_step"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckTask_UnknownId_SaysToListTasks()
    {
        await using var f = await AgentFixture.StartAsync();

        var outcome = await f.CallAsync(ToolNames.CheckTask, """{"task_id":"task_01NOPE"}""");

        Assert.True(outcome.IsError);
        Assert.Equal("unknown_task", outcome.Str("kind"));
        Assert.Contains("list_tasks", outcome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckTask_MissingTaskId_Violation()
    {
        await using var f = await AgentFixture.StartAsync();

        var outcome = await f.CallAsync(ToolNames.CheckTask, """{"wait":5}""");

        Assert.Equal(["task_id"], outcome.ViolationParameters());
    }

    [Fact]
    public async Task CheckTask_Cancelled_StopsWaitTaskStaysListed()
    {
        await using var f = await AgentFixture.StartAsync(s => s.TaskDuration = TimeSpan.FromMinutes(5));
        var id = await GenerateAsync(f);
        using var cancel = new CancellationTokenSource();

        var call = f.CallAsync(ToolNames.CheckTask, $$"""{"task_id":"{{id}}","wait":50}""", cancellationToken: cancel.Token);
        await Task.Delay(50);
        f.Time.Advance(TimeSpan.FromSeconds(3));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        var list = await f.CallAsync(ToolNames.ListTasks, "{}");
        Assert.Equal(id, list.Structured.GetProperty("tasks")[0].GetProperty("task_id").GetString());
    }

    [Fact]
    public async Task ExtendVideo_ChainOfThree_InheritsSettingsAndLinksParents()
    {
        await using var f = await AgentFixture.StartAsync();
        var first = await GenerateAsync(f);
        f.Time.Advance(TimeSpan.FromMinutes(2));
        await f.CallAsync(ToolNames.CheckTask, $$"""{"task_id":"{{first}}"}""");

        var second = await f.CallAsync(ToolNames.ExtendVideo, $$"""{"task_id":"{{first}}","prompt":"the cat jumps"}""");
        f.Time.Advance(TimeSpan.FromMinutes(2));
        var third = await f.CallAsync(ToolNames.ExtendVideo, $$"""{"task_id":"{{second.Str("task_id")}}","prompt":"the cat lands","duration":8}""");

        Assert.False(second.IsError, second.Text);
        Assert.False(third.IsError, third.Text);
        Assert.Equal(first, second.Str("parent_task_id"));
        Assert.Equal(second.Str("task_id"), third.Str("parent_task_id"));
        var bodies = f.Sandbox.ReceivedSubmitBodies.Select(b => JsonDocument.Parse(b).RootElement).ToArray();
        Assert.Equal(3, bodies.Length);
        for (var i = 1; i < 3; i++)
        {
            var frame = bodies[i].GetProperty("image_with_roles")[0];
            Assert.Equal("first_frame", frame.GetProperty("role").GetString());
            Assert.EndsWith($"/files/frames/{(i == 1 ? first : second.Str("task_id"))}.png", frame.GetProperty("url").GetString(), StringComparison.Ordinal);
            Assert.Equal("9:16", bodies[i].GetProperty("size").GetString());
            Assert.Equal("480p", bodies[i].GetProperty("resolution").GetString());
            Assert.True(bodies[i].GetProperty("generate_audio").GetBoolean());
            Assert.True(bodies[i].GetProperty("return_last_frame").GetBoolean());
        }

        Assert.Equal(8, bodies[2].GetProperty("duration").GetInt32());
        Assert.Equal(first, (await f.Journal.FindAsync(second.Str("task_id")))!.ParentTaskId);
    }

    [Fact]
    public async Task ExtendVideo_Override_Wins()
    {
        await using var f = await AgentFixture.StartAsync();
        var first = await GenerateAsync(f);
        f.Time.Advance(TimeSpan.FromMinutes(2));

        var outcome = await f.CallAsync(ToolNames.ExtendVideo, $$"""{"task_id":"{{first}}","prompt":"wide shot","size":"16:9","generate_audio":false}""");

        Assert.False(outcome.IsError, outcome.Text);
        var body = JsonDocument.Parse(f.Sandbox.ReceivedSubmitBodies[1]).RootElement;
        Assert.Equal("16:9", body.GetProperty("size").GetString());
        Assert.False(body.GetProperty("generate_audio").GetBoolean());
        Assert.Equal("480p", body.GetProperty("resolution").GetString());
    }

    [Fact]
    public async Task ExtendVideo_NoPrompt_ContinuesTheSceneFromTheLastFrame()
    {
        await using var f = await AgentFixture.StartAsync();
        var first = await GenerateAsync(f);
        f.Time.Advance(TimeSpan.FromMinutes(2));

        var outcome = await f.CallAsync(ToolNames.ExtendVideo, $$"""{"task_id":"{{first}}"}""");

        Assert.False(outcome.IsError, outcome.Text);
        var body = JsonDocument.Parse(f.Sandbox.ReceivedSubmitBodies[1]).RootElement;
        Assert.False(body.TryGetProperty("prompt", out _));
        Assert.Equal("first_frame", body.GetProperty("image_with_roles")[0].GetProperty("role").GetString());
        Assert.Equal(2, f.Sandbox.Counters.TasksCreated);
    }

    [Fact]
    public async Task ExtendVideo_ResolutionTheInheritedModelCannotRender_RefusedNamingTheModel_NothingSent()
    {
        await using var f = await AgentFixture.StartAsync();
        var first = await GenerateAsync(f, """{"prompt":"a cat walks","model":"doubao-seedance-2.0-fast","resolution":"480p"}""");
        f.Time.Advance(TimeSpan.FromMinutes(2));

        var refused = await f.CallAsync(ToolNames.ExtendVideo, $$"""{"task_id":"{{first}}","resolution":"1080p"}""");
        var switched = await f.CallAsync(ToolNames.ExtendVideo, $$"""{"task_id":"{{first}}","resolution":"1080p","model":"doubao-seedance-2.0"}""");

        Assert.True(refused.IsError);
        Assert.Contains("resolution", refused.ViolationParameters());
        Assert.Contains("doubao-seedance-2.0-fast", refused.Text, StringComparison.Ordinal);
        Assert.False(switched.IsError, switched.Text);
        Assert.Equal(2, f.Sandbox.Counters.TasksCreated);
    }

    [Fact]
    public async Task ExtendVideo_Unfinished_SaysToWait()
    {
        await using var f = await AgentFixture.StartAsync();
        var first = await GenerateAsync(f);

        var outcome = await f.CallAsync(ToolNames.ExtendVideo, $$"""{"task_id":"{{first}}","prompt":"more"}""");

        Assert.True(outcome.IsError);
        Assert.Equal("cannot_extend", outcome.Str("kind"));
        Assert.Contains("still rendering", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("check_task", outcome.Str("next_step"), StringComparison.Ordinal);
        Assert.Equal(1, f.Sandbox.Counters.SubmitsReceived);
    }

    [Fact]
    public async Task ExtendVideo_Failed_SaysWhy()
    {
        await using var f = await AgentFixture.StartAsync();
        f.Sandbox.Faults.Add("submit/fail");
        var first = await GenerateAsync(f);
        f.Time.Advance(TimeSpan.FromMinutes(2));

        var outcome = await f.CallAsync(ToolNames.ExtendVideo, $$"""{"task_id":"{{first}}","prompt":"more"}""");

        Assert.True(outcome.IsError);
        Assert.Contains("has no last frame", outcome.Text, StringComparison.Ordinal);
        Assert.Equal(1, f.Sandbox.Counters.SubmitsReceived);
    }

    [Fact]
    public async Task ExtendVideo_NoLastFrame_SaysWhatToDoInstead()
    {
        await using var f = await AgentFixture.StartAsync();
        var first = await GenerateAsync(f, """{"prompt":"x","return_last_frame":false}""");
        f.Time.Advance(TimeSpan.FromMinutes(2));

        var outcome = await f.CallAsync(ToolNames.ExtendVideo, $$"""{"task_id":"{{first}}","prompt":"more"}""");

        Assert.True(outcome.IsError);
        Assert.Contains("without a last frame", outcome.Text, StringComparison.Ordinal);
        Assert.Contains("first_frame", outcome.Str("next_step"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtendVideo_UnknownTask_SaysToListTasks()
    {
        await using var f = await AgentFixture.StartAsync();

        var outcome = await f.CallAsync(ToolNames.ExtendVideo, """{"task_id":"task_01GHOST","prompt":"more"}""");

        Assert.Equal("unknown_task", outcome.Str("kind"));
        Assert.Equal(0, f.Sandbox.Counters.SubmitsReceived);
    }

    [Fact]
    public async Task ExtendVideo_ExpiredLinks_UsesTheSavedLastFrame()
    {
        await using var f = await AgentFixture.StartAsync();
        var first = await GenerateAsync(f);
        f.Time.Advance(TimeSpan.FromMinutes(2));
        await f.CallAsync(ToolNames.CheckTask, $$"""{"task_id":"{{first}}"}""");
        f.Time.Advance(f.Sandbox.Options.ResultLifetime + TimeSpan.FromHours(1)); // past the links' own expires_at

        var outcome = await f.CallAsync(ToolNames.ExtendVideo, $$"""{"task_id":"{{first}}","prompt":"later"}""");

        Assert.False(outcome.IsError, outcome.Text);
        Assert.Equal(1, f.Sandbox.Counters.Uploads);
        var url = JsonDocument.Parse(f.Sandbox.ReceivedSubmitBodies[1]).RootElement.GetProperty("image_with_roles")[0].GetProperty("url").GetString();
        Assert.Contains("/files/uploads/", url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtendVideo_ExpiredLinksAndNoOneToAsk_SavedLastFrameIsNotUploaded()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.ConfirmAboveUsd = AgentFixture.ConfirmAt);
        var first = await GenerateAsync(f);
        f.Time.Advance(TimeSpan.FromMinutes(2));
        await f.CallAsync(ToolNames.CheckTask, $$"""{"task_id":"{{first}}"}""");
        f.Time.Advance(f.Sandbox.Options.ResultLifetime + TimeSpan.FromHours(1));

        var outcome = await f.CallAsync(ToolNames.ExtendVideo, $$"""{"task_id":"{{first}}","prompt":"later","duration":10}""");

        Assert.Equal("confirmation_required", outcome.Str("kind"));
        Assert.Equal(0, f.Sandbox.Counters.Uploads);
        Assert.Equal(1, f.Sandbox.Counters.SubmitsReceived);
    }

    [Fact]
    public async Task ListTasks_NewestFirstWithLimitAndFilter()
    {
        await using var f = await AgentFixture.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await GenerateAsync(f, $$"""{"prompt":"clip {{i}}"}"""));
            f.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var two = await f.CallAsync(ToolNames.ListTasks, """{"limit":2}""");
        var succeeded = await f.CallAsync(ToolNames.ListTasks, """{"status":"succeeded"}""");
        var bad = await f.CallAsync(ToolNames.ListTasks, """{"status":"done"}""");

        Assert.Equal([ids[2], ids[1]], two.Structured.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("task_id").GetString()));
        Assert.Equal(0, succeeded.Structured.GetProperty("count").GetInt32());
        Assert.Equal(["status"], bad.ViolationParameters());
    }

    [Fact]
    public async Task ListTasks_PastTheLimit_SaysMoreExistAndPagesWithOffset()
    {
        await using var f = await AgentFixture.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await GenerateAsync(f, $$"""{"prompt":"clip {{i}}"}"""));
            f.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var first = await f.CallAsync(ToolNames.ListTasks, """{"limit":2}""");
        var second = await f.CallAsync(ToolNames.ListTasks, """{"limit":2,"offset":2}""");
        var bad = await f.CallAsync(ToolNames.ListTasks, """{"offset":-1}""");

        Assert.True(first.Structured.GetProperty("has_more").GetBoolean());
        Assert.Equal(2, first.Structured.GetProperty("next_offset").GetInt32());
        Assert.Contains("offset 2", first.Text, StringComparison.Ordinal);
        Assert.Equal([ids[0]], second.Structured.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("task_id").GetString()));
        Assert.False(second.Structured.GetProperty("has_more").GetBoolean());
        Assert.False(second.Structured.TryGetProperty("next_offset", out _));
        Assert.Equal(["offset"], bad.ViolationParameters());
    }
}
