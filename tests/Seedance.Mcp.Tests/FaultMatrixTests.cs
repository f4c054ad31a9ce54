using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Seedance.Sandbox;

using static Seedance.Mcp.Tests.ToolResult;

namespace Seedance.Mcp.Tests;

/// <summary>
/// Faults along the whole path (tool call → server process → client → provider stand-in), with a secret key in play:
/// the tool answers clearly, the server keeps serving, nothing is submitted twice, nothing created is lost, and
/// the key shows up nowhere the server writes.
/// </summary>
public sealed class FaultMatrixTests : IAsyncLifetime
{
    private const string Secret = "sk-live-NEVER-PRINT-ME-8f2c91d0a7";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "seedance-fault-matrix", Guid.NewGuid().ToString("N"));
    private SeedanceSandbox _sandbox = null!;
    private int _userSubmits;
    private int _resends;
    private int _replaysExpected;

    public async Task InitializeAsync() =>
        _sandbox = await SeedanceSandbox.StartAsync(new SandboxOptions { ApiKey = Secret, TaskDuration = TimeSpan.FromSeconds(2) });

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private Dictionary<string, string?> Environment() => new()
    {
        ["SEEDANCE_API_KEY"] = Secret,
        ["SEEDANCE_BASE_URL"] = _sandbox.BaseUrl.AbsoluteUri,
        ["SEEDANCE_JOURNAL"] = Path.Combine(_root, "journal.db"),
        ["SEEDANCE_OUTPUT_DIR"] = Path.Combine(_root, "videos"),
        ["Seedance__RequestTimeout"] = "00:00:01",
        ["Seedance__ReadRetryBaseDelay"] = "00:00:00.050",
        ["Seedance__MaxRetryAfter"] = "00:00:02",
    };

    private async Task<JsonNode> GenerateAsync(StdioServerProcess server, string prompt)
    {
        _userSubmits++;
        return await server.CallAsync("generate_video", new JsonObject { ["prompt"] = prompt });
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task FaultMatrix_ClearAnswersNothingPaidTwiceNothingLostNoKeyLeak()
    {
        var server = await StdioServerProcess.StartAsync(Environment());
        var first = await GenerateAsync(server, "baseline");
        var id = first["structuredContent"]!["task_id"]!.GetValue<string>();

        // 429 storm on status with Retry-After: retried within the call, then a clear answer once the storm outlasts the retries.
        _sandbox.Faults.Add("status/429:1*2");
        var stormShort = await server.CallAsync("check_task", new JsonObject { ["task_id"] = id });
        _sandbox.Faults.Add("status/429:1*10");
        var stormLong = await server.CallAsync("check_task", new JsonObject { ["task_id"] = id });
        _sandbox.Faults.Clear();
        Assert.False(IsError(stormShort), Text(stormShort));
        Assert.True(IsError(stormLong));
        Assert.Contains("call check_task again", Text(stormLong), StringComparison.Ordinal);

        // 500/502 bursts on status: retried.
        _sandbox.Faults.Add("status/500*2,status/502");
        var burst = await server.CallAsync("check_task", new JsonObject { ["task_id"] = id });
        Assert.False(IsError(burst), Text(burst));

        // A status answer slower than the timeout: abandoned and retried.
        _sandbox.Faults.Add("status/latency:2500");
        var slow = await server.CallAsync("check_task", new JsonObject { ["task_id"] = id, ["wait"] = 5 });
        Assert.False(IsError(slow), Text(slow));
        Assert.Equal("succeeded", slow["structuredContent"]!["status"]!.GetValue<string>());

        // Malformed and truncated answers to a status call: a clear, temporary error; the next call works.
        _sandbox.Faults.Add("status/malformed");
        var malformed = await server.CallAsync("check_task", new JsonObject { ["task_id"] = id });
        Assert.True(IsError(malformed));
        Assert.Contains("not valid JSON", Text(malformed), StringComparison.Ordinal);

        // Submits that may have reached the provider (dropped connection, truncated answer, slow answer, 502): the same body
        // is sent again with the same key inside the call, and the provider answers with the task it made, if it made one.
        foreach (var (fault, replayed) in new[] { ("submit/drop", true), ("submit/truncated", true), ("submit/latency:2500", true), ("submit/502", false) })
        {
            _sandbox.Faults.Add(fault);
            var unsure = await GenerateAsync(server, fault);
            Assert.False(IsError(unsure), $"{fault}: {Text(unsure)}");
            Assert.Equal(replayed, Text(unsure).Contains("nothing was paid twice", StringComparison.Ordinal));
            _resends++;
            _replaysExpected += replayed ? 1 : 0;
        }

        // A task that fails at the provider.
        _sandbox.Faults.Add("submit/fail");
        var failing = (await GenerateAsync(server, "doomed"))["structuredContent"]!["task_id"]!.GetValue<string>();
        var failed = await server.CallAsync("check_task", new JsonObject { ["task_id"] = failing, ["wait"] = 10 });
        Assert.Equal("failed", failed["structuredContent"]!["status"]!.GetValue<string>());

        // Tasks still rendering when the server process dies; a new process finds and finishes them.
        var running = new[]
        {
            (await GenerateAsync(server, "survivor one"))["structuredContent"]!["task_id"]!.GetValue<string>(),
            (await GenerateAsync(server, "survivor two"))["structuredContent"]!["task_id"]!.GetValue<string>(),
        };
        var firstLogs = server.Stdout + server.Stderr;
        server.Kill();
        await server.DisposeAsync();

        await using var restarted = await StdioServerProcess.StartAsync(Environment());
        var listed = await restarted.CallAsync("list_tasks", new JsonObject { ["limit"] = 50 });
        var listedIds = listed["structuredContent"]!["tasks"]!.AsArray().Select(t => t!["task_id"]!.GetValue<string>()).ToArray();
        Assert.Contains(running[0], listedIds);
        Assert.Contains(running[1], listedIds);
        foreach (var task in running)
        {
            var done = await restarted.CallAsync("check_task", new JsonObject { ["task_id"] = task, ["wait"] = 10 });
            Assert.Equal("succeeded", done["structuredContent"]!["status"]!.GetValue<string>());
        }

        // Nothing paid twice: one task per user submit, each unsure one sent once more with its key. On a busy machine a
        // plain submit can also outlast this server's 1 s request timeout and be sent again with its key: that extra send
        // is answered as a replay (the same task), so it is counted as one, never as a second task.
        Assert.Equal(_userSubmits, _sandbox.Counters.TasksCreated);
        var extraReplays = _sandbox.Counters.Replays - _replaysExpected;
        Assert.True(extraReplays >= 0, $"{_sandbox.Counters.Replays} replays, {_replaysExpected} expected");
        Assert.Equal(_userSubmits + _resends + extraReplays, _sandbox.Counters.SubmitsReceived);

        // Nothing lost: every task the provider created is in the journal by id, or stands there as an unconfirmed submit.
        var tasks = listed["structuredContent"]!["tasks"]!.AsArray().Select(t => t!).ToArray();
        var unconfirmed = tasks.Count(t => t["status"]!.GetValue<string>() == "unconfirmed");
        var missing = _sandbox.TaskIds.Count(sandboxId => !listedIds.Contains(sandboxId));
        Assert.Equal(0, unconfirmed);
        Assert.Equal(0, missing);

        // The key appears nowhere the server wrote: protocol, logs, the journal, file names.
        var everything = firstLogs + restarted.Stdout + restarted.Stderr;
        Assert.DoesNotContain(Secret, everything, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(_root, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(Secret, file, StringComparison.Ordinal);
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.DoesNotContain(Secret, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }
    }
}
