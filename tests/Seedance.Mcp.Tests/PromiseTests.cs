using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Seedance.Sandbox;

namespace Seedance.Mcp.Tests;

/// <summary>
/// The first promise (nothing lost, nothing paid twice, no call that hangs) through the built server process, one
/// fault a user met at a time (issue 11's findings).
/// </summary>
public sealed class PromiseTests : IAsyncLifetime
{
    private const string Secret = "sk-live-PROMISE-NEVER-PRINT-5b1e";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "seedance-promise", Guid.NewGuid().ToString("N"));
    private SeedanceSandbox _sandbox = null!;

    private string Journal => Path.Combine(_root, "journal.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "images"));
        _sandbox = await SeedanceSandbox.StartAsync(new SandboxOptions { ApiKey = Secret, TaskDuration = TimeSpan.FromSeconds(2) });
    }

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
        ["SEEDANCE_JOURNAL"] = Journal,
        ["SEEDANCE_OUTPUT_DIR"] = Path.Combine(_root, "videos"),
        ["SEEDANCE_ALLOWED_DIRS"] = Path.Combine(_root, "images"),
    };

    private static string Text(JsonNode result) => string.Join(" ", result["content"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()));

    private static bool IsError(JsonNode result) => result["isError"]?.GetValue<bool>() == true;

    [Fact]
    public async Task JournalLockedAfterThePost_AnswerCarriesTheTaskId_AndTheJournalCatchesUp()
    {
        await using var server = await StdioServerProcess.StartAsync(Environment());
        await server.CallAsync("list_tasks", new JsonObject());
        _sandbox.Faults.Add("submit/latency:3000");

        var call = server.CallAsync("generate_video", new JsonObject { ["prompt"] = "a locked journal" });
        while (_sandbox.ReceivedSubmitBodies.Count == 0)
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
}
