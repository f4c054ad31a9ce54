using System.Text.Json.Nodes;

using static Seedance.Mcp.Tests.ToolResult;

namespace Seedance.Mcp.Tests;

/// <summary>
/// A server killed during a slow submit, restarted while the provider refuses the replay for a minute: the unsure entry is
/// kept, not given up, and settled later with exactly one task (a class of its own so it runs beside <see cref="RestartTests"/>).
/// </summary>
public sealed class RestartRateLimitedTests : SandboxedServerTests
{
    [Fact]
    public async Task KilledDuringASlowSubmit_ReplayAtRestartRateLimited_EntryKeptThenSettled_ExactlyOneTask()
    {
        _sandbox.Faults.Add("submit/latency:8000");
        var first = await StdioServerProcess.StartAsync(Environment());
        _ = first.CallAsync("generate_video", new JsonObject { ["prompt"] = "a crash, then a busy provider" });
        // Killed once the provider has created the task (its answer is still 8 s away), not merely read the body.
        while (_sandbox.TaskIds.Count == 0)
        {
            await Task.Delay(20);
        }

        first.Kill();
        await first.DisposeAsync();
        var created = Assert.Single(_sandbox.TaskIds);

        // The restarted server's replay is refused for a minute: that says nothing about the interrupted send, so the entry stays.
        _sandbox.Faults.Add("submit/429:60");
        await using var restarted = await StdioServerProcess.StartAsync(Environment());
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (_sandbox.Counters.SubmitsReceived < 2 && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }

        Assert.Equal(2, _sandbox.Counters.SubmitsReceived);
        var unconfirmed = await restarted.CallAsync("list_tasks", new JsonObject { ["status"] = "unconfirmed" });
        var kept = Assert.Single(unconfirmed["structuredContent"]!["tasks"]!.AsArray())!["task_id"]!.GetValue<string>();
        var settled = await restarted.CallAsync("check_task", new JsonObject { ["task_id"] = kept });

        Assert.False(IsError(settled), Text(settled));
        Assert.Equal(created, settled["structuredContent"]!["task_id"]!.GetValue<string>());
        Assert.Equal(1, _sandbox.Counters.TasksCreated);
    }
}
