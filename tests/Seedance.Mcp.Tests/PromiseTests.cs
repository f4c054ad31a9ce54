using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Seedance.Sandbox;

using static Seedance.Mcp.Tests.ToolResult;

namespace Seedance.Mcp.Tests;

/// <summary>
/// The first promise (nothing lost, nothing paid twice, no call that hangs) through the built server process, one
/// fault a user met at a time (issue 11's findings).
/// </summary>
public sealed class PromiseTests : SandboxedServerTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task JournalLockedAfterThePost_AnswerCarriesTheTaskId_AndTheJournalCatchesUp()
    {
        await using var server = await StdioServerProcess.StartAsync(Environment());
        await server.CallAsync("list_tasks", new JsonObject());
        _sandbox.Faults.Add("submit/latency:3000");

        var call = server.CallAsync("generate_video", new JsonObject { ["prompt"] = "a locked journal" });
        while (_sandbox.TaskIds.Count == 0)
        {
            await Task.Delay(20);
        }

        // Another process holds the journal's write lock for longer than the server waits for it (10 s).
        var watch = Stopwatch.StartNew();
        var locker = new SqliteConnection($"Data Source={Journal};Pooling=False");
        locker.Open();
        using (var begin = locker.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.ExecuteNonQuery();
        }

        var result = await call;
        watch.Stop();
        locker.Dispose();

        Assert.False(IsError(result), Text(result));
        var id = result["structuredContent"]!["task_id"]!.GetValue<string>();
        Assert.Equal(Assert.Single(_sandbox.TaskIds), id);
        Assert.Contains("journal could not record", Text(result), StringComparison.Ordinal);
        Assert.DoesNotContain("Nothing was submitted", Text(result), StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(55), $"the call took {watch.Elapsed}");

        // Once the lock is gone the server records the task it had to leave out.
        JsonNode listed;
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        do
        {
            await Task.Delay(250);
            listed = await server.CallAsync("list_tasks", new JsonObject());
        }
        while (!Text(listed).Contains(id, StringComparison.Ordinal) && DateTime.UtcNow < until);

        Assert.Contains(id, Text(listed), StringComparison.Ordinal);
        Assert.Equal(1, _sandbox.Counters.TasksCreated);
    }

    [Fact]
    public async Task NamedPipeAsLocalImage_RefusedAtOnce_NothingSent()
    {
        var pipe = Path.Combine(_root, "images", "cat.png");
        using (var mkfifo = Process.Start("mkfifo", [pipe]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        await using var server = await StdioServerProcess.StartAsync(Environment());
        var result = await server.CallAsync("generate_video", new JsonObject { ["prompt"] = "from a pipe", ["image_urls"] = new JsonArray(pipe) });

        Assert.True(IsError(result));
        Assert.Contains("not a regular file", Text(result), StringComparison.Ordinal);
        Assert.Empty(_sandbox.ReceivedSubmitBodies);
    }

    [Fact]
    public async Task HugeTaskId_RefusedWithoutEchoingIt()
    {
        await using var server = await StdioServerProcess.StartAsync(Environment());

        var result = await server.CallAsync("check_task", new JsonObject { ["task_id"] = "task_" + new string('x', 1_000_000) });

        Assert.True(IsError(result));
        Assert.Equal("invalid_arguments", result["structuredContent"]!["kind"]!.GetValue<string>());
        Assert.True(Text(result).Length < 4000, $"the answer is {Text(result).Length} characters");
    }

    [Fact]
    public async Task FreshAccount_JournalInTheUsersDataFolder_NotATempFolder()
    {
        var home = Path.Combine(_root, "fresh-home");
        var environment = new Dictionary<string, string?> { ["HOME"] = home, ["XDG_DATA_HOME"] = null, ["XDG_VIDEOS_DIR"] = null };
        await using var server = await StdioServerProcess.StartAsync(environment, "--sandbox");

        var result = await server.CallAsync("generate_video", new JsonObject { ["prompt"] = "first run" });

        Assert.False(IsError(result), Text(result));
        Assert.True(File.Exists(Path.Combine(home, ".local", "share", "Seedance", "sandbox-journal.db")), "journal not in the user's data folder");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task UnsureSubmits_SettledInTheSameCallByReplay_NothingPaidTwice()
    {
        await using var server = await StdioServerProcess.StartAsync(new Dictionary<string, string?>(Environment()) { ["Seedance__RequestTimeout"] = "00:00:02" });
        var ids = new List<string>();
        foreach (var fault in new[] { "submit/drop", "submit/truncated", "submit/latency:3000", "submit/malformed" })
        {
            _sandbox.Faults.Add(fault);
            var result = await server.CallAsync("generate_video", new JsonObject { ["prompt"] = fault });
            Assert.False(IsError(result), $"{fault}: {Text(result)}");
            ids.Add(result["structuredContent"]!["task_id"]!.GetValue<string>());
            Assert.Contains("nothing was paid twice", Text(result), StringComparison.Ordinal);
        }

        Assert.Equal(4, ids.Distinct().Count());
        Assert.Equal(4, _sandbox.Counters.TasksCreated);
        Assert.Equal(ids.Order(), _sandbox.TaskIds.Order());
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task SlowLink_20MegabytesAt256KBps_EveryCallUnder55s_FileCompleteAcrossCalls()
    {
        await using var big = await SeedanceSandbox.StartAsync(new SandboxOptions
        {
            ApiKey = Secret, TaskDuration = TimeSpan.FromSeconds(1), VideoSizeBytes = 20L * 1024 * 1024,
        });
        big.Faults.Add("files/throttle:262144*1000");
        var environment = new Dictionary<string, string?>(Environment()) { ["SEEDANCE_BASE_URL"] = big.BaseUrl.AbsoluteUri };
        await using var server = await StdioServerProcess.StartAsync(environment);
        var id = (await server.CallAsync("generate_video", new JsonObject { ["prompt"] = "a long slow download" }))["structuredContent"]!["task_id"]!
            .GetValue<string>();

        var calls = new List<TimeSpan>();
        JsonNode result;
        do
        {
            var watch = Stopwatch.StartNew();
            result = await server.CallAsync("check_task", new JsonObject { ["task_id"] = id, ["wait"] = 50 });
            calls.Add(watch.Elapsed);
            Assert.False(IsError(result), Text(result));
        }
        while (result["structuredContent"]!["local_video_path"] is null && calls.Count < 6);

        Assert.True(calls.Count >= 2, "a 20 MB file at 256 KB/s takes more than one call");
        Assert.All(calls, c => Assert.True(c < TimeSpan.FromSeconds(55), $"a call took {c}"));
        var path = result["structuredContent"]!["local_video_path"]!.GetValue<string>();
        Assert.Equal(20L * 1024 * 1024, new FileInfo(path).Length);
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "videos"), "*.part"));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task HungStatusCalls_WaitZeroAnswersWithinSeconds()
    {
        await using var server = await StdioServerProcess.StartAsync(Environment());
        var id = (await server.CallAsync("generate_video", new JsonObject { ["prompt"] = "a hung provider" }))["structuredContent"]!["task_id"]!
            .GetValue<string>();
        _sandbox.Faults.Add("status/latency:120000*20");

        var watch = Stopwatch.StartNew();
        var result = await server.CallAsync("check_task", new JsonObject { ["task_id"] = id });
        watch.Stop();

        Assert.True(IsError(result));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"wait=0 took {watch.Elapsed}");
    }

    [Fact]
    public async Task RateLimitedSubmit_LongRetryAfter_AnswersInTime_NotCharged()
    {
        await using var server = await StdioServerProcess.StartAsync(Environment());
        _sandbox.Faults.Add("submit/429:30*3");

        var watch = Stopwatch.StartNew();
        var result = await server.CallAsync("generate_video", new JsonObject { ["prompt"] = "a busy provider" });
        watch.Stop();

        Assert.True(IsError(result));
        Assert.Equal("rate_limited", result["structuredContent"]!["kind"]!.GetValue<string>());
        Assert.False(result["structuredContent"]!["charged"]!.GetValue<bool>());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"the call took {watch.Elapsed}");
        Assert.Equal(0, _sandbox.Counters.TasksCreated);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task ErrorPagesEmptyBodiesAndFileRedirects_NeverReportedAsTheVideo_ThenSavedForReal()
    {
        await using var server = await StdioServerProcess.StartAsync(Environment());
        var id = (await server.CallAsync("generate_video", new JsonObject { ["prompt"] = "a broken link" }))["structuredContent"]!["task_id"]!
            .GetValue<string>();

        foreach (var fault in new[] { "files/html*2", "files/empty*2", "files/redirect-file*2" })
        {
            _sandbox.Faults.Clear();
            _sandbox.Faults.Add(fault);
            var bad = await server.CallAsync("check_task", new JsonObject { ["task_id"] = id, ["wait"] = 10 });
            Assert.Equal("succeeded", bad["structuredContent"]!["status"]!.GetValue<string>());
            Assert.False(IsError(bad), $"{fault}: {Text(bad)}");
            Assert.Null(bad["structuredContent"]!["local_video_path"]);
            Assert.True(bad["structuredContent"]!["download_error"] is not null, $"{fault}: {bad["structuredContent"]!.ToJsonString()}");
        }

        _sandbox.Faults.Clear();
        var good = await server.CallAsync("check_task", new JsonObject { ["task_id"] = id, ["wait"] = 10 });
        var path = good["structuredContent"]!["local_video_path"]!.GetValue<string>();
        var header = new byte[8];
        await using (var file = File.OpenRead(path))
        {
            await file.ReadExactlyAsync(header);
        }

        Assert.Equal("ftyp"u8.ToArray(), header[4..8]);
    }

    [Fact]
    public async Task ProviderEchoesTheKey_InNoResultLogJournalOrFile()
    {
        await using var server = await StdioServerProcess.StartAsync(Environment());
        _sandbox.Faults.Add("submit/echo-key:401");
        var refused = await server.CallAsync("generate_video", new JsonObject { ["prompt"] = "an echoing gateway" });
        var id = (await server.CallAsync("generate_video", new JsonObject { ["prompt"] = "a task that fails loudly" }))["structuredContent"]!["task_id"]!
            .GetValue<string>();
        _sandbox.Faults.Add("status/echo-key*5");
        var failed = await server.CallAsync("check_task", new JsonObject { ["task_id"] = id, ["wait"] = 5 });

        Assert.True(IsError(refused));
        var everything = refused.ToJsonString() + failed.ToJsonString() + server.Stdout + server.Stderr;
        Assert.DoesNotContain(Secret, everything, StringComparison.Ordinal);
        Assert.Contains("[redacted]", everything, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_root, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(Secret, System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        }
    }
}
