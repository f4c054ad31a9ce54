using System.Text.Json.Nodes;

using static Seedance.Mcp.Tests.ToolResult;

namespace Seedance.Mcp.Tests;

/// <summary>
/// Nothing lost across a restart: a server process killed with a task in flight or a submit unanswered, then started
/// again on the same journal (a class of its own so these process tests run beside <see cref="PromiseTests"/>).
/// </summary>
public sealed class RestartTests : SandboxedServerTests
{
    [Fact]
    public async Task SandboxMode_TaskSubmittedBeforeARestart_CheckedAfterIt_KnownAndFinished()
    {
        var journal = Path.Combine(_root, "sandbox-restart", "journal.db");
        var environment = new Dictionary<string, string?>
        {
            ["SEEDANCE_JOURNAL"] = journal,
            ["SEEDANCE_OUTPUT_DIR"] = Path.Combine(_root, "sandbox-restart", "videos"),
            ["Seedance__Sandbox__TaskDuration"] = "00:00:03",
            ["SEEDANCE_API_KEY"] = null,
            ["SEEDANCE_BASE_URL"] = null,
        };
        string id;
        await using (var first = await StdioServerProcess.StartAsync(environment, "--sandbox"))
        {
            var started = await first.CallAsync("generate_video", new JsonObject { ["prompt"] = "survives a restart" });
            Assert.False(IsError(started), Text(started));
            id = started["structuredContent"]!["task_id"]!.GetValue<string>();
            first.Kill();
        }

        // A new process has a new in-process sandbox: it knows the task from the file kept next to the journal.
        await using var second = await StdioServerProcess.StartAsync(environment, "--sandbox");
        var done = await second.CallAsync("check_task", new JsonObject { ["task_id"] = id, ["wait"] = 20 });

        Assert.False(IsError(done), Text(done));
        Assert.Equal("succeeded", done["structuredContent"]!["status"]!.GetValue<string>());
        Assert.True(File.Exists(journal + ".sandbox-tasks.jsonl"));
        var pending = await second.CallAsync("list_tasks", new JsonObject { ["status"] = "active" });
        Assert.Equal(0, pending["structuredContent"]!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task KilledDuringASlowSubmit_RestartSettlesItByReplay_ExactlyOneTask()
    {
        _sandbox.Faults.Add("submit/latency:8000");
        var first = await StdioServerProcess.StartAsync(Environment());
        _ = first.CallAsync("generate_video", new JsonObject { ["prompt"] = "a crash mid-submit" });
        // Killed once the provider has created the task (its answer is still 8 s away), not merely read the body.
        while (_sandbox.TaskIds.Count == 0)
        {
            await Task.Delay(20);
        }

        first.Kill();
        await first.DisposeAsync();
        var created = Assert.Single(_sandbox.TaskIds);

        // The restarted server settles the interrupted submit by sending the same body with the same key again.
        await using var restarted = await StdioServerProcess.StartAsync(Environment());
        JsonNode listed;
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        do
        {
            await Task.Delay(250);
            listed = await restarted.CallAsync("list_tasks", new JsonObject());
        }
        while (!Text(listed).Contains(created, StringComparison.Ordinal) && DateTime.UtcNow < until);

        Assert.Contains(created, Text(listed), StringComparison.Ordinal);
        var unconfirmed = await restarted.CallAsync("list_tasks", new JsonObject { ["status"] = "unconfirmed" });
        Assert.Equal(0, unconfirmed["structuredContent"]!["count"]!.GetValue<int>());
        Assert.Equal(1, _sandbox.Counters.TasksCreated);
        var done = await restarted.CallAsync("check_task", new JsonObject { ["task_id"] = created, ["wait"] = 20 });
        Assert.Equal("succeeded", done["structuredContent"]!["status"]!.GetValue<string>());
    }
}
