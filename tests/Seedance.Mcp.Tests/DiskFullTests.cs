using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Seedance.Sandbox;

using static Seedance.Mcp.Tests.ToolResult;

namespace Seedance.Mcp.Tests;

/// <summary>
/// The first promise through the built server process when its disk fills up: the server runs in a mount namespace of
/// its own with a small tmpfs under its journal or its output folder, and the test fills that tmpfs to the last page at
/// the moment that matters, then frees it.
/// </summary>
public sealed class DiskFullTests : IAsyncLifetime
{
    private const string Secret = "sk-live-DISKFULL-NEVER-PRINT-8c3d";
    private const int ENOSPC = 28;
    private const int Page = 4096;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "seedance-diskfull", Guid.NewGuid().ToString("N"));
    private SeedanceSandbox _sandbox = null!;

    private string Disk => Path.Combine(_root, "disk");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Disk);
        _sandbox = await SeedanceSandbox.StartAsync(new SandboxOptions
        {
            ApiKey = Secret, TaskDuration = TimeSpan.FromSeconds(2), RenderClips = false, VideoSizeBytes = 600 * 1024,
        });
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

    private Dictionary<string, string?> Environment(string journal, string videos) => new()
    {
        ["SEEDANCE_API_KEY"] = Secret,
        ["SEEDANCE_BASE_URL"] = _sandbox.BaseUrl.AbsoluteUri,
        ["SEEDANCE_JOURNAL"] = journal,
        ["SEEDANCE_OUTPUT_DIR"] = videos,
    };

    [Fact]
    [Trait("Category", "Slow")]
    public async Task DiskFullAfterThePost_AnswerCarriesTheTaskId_JournalCatchesUpWhenSpaceReturns_NothingSentTwice()
    {
        var environment = Environment(Path.Combine(Disk, "journal.db"), Path.Combine(Disk, "videos"));
        await using var server = await StdioServerProcess.StartOnSmallDisksAsync(environment, [Disk], "1m");
        await server.CallAsync("list_tasks", new JsonObject());
        _sandbox.Faults.Add("submit/latency:3000");

        var call = server.CallAsync("generate_video", new JsonObject { ["prompt"] = "a full disk" });
        while (_sandbox.TaskIds.Count == 0)
        {
            await Task.Delay(20);
        }

        // The entry is written and the POST is on the wire: now not one page is left, so the confirmation the server writes
        // when the answer comes needs a page it cannot get. Its WAL only grows here: SQLite writes over old frames only after a
        // checkpoint, which comes at 1,000 pages (far past 1 MB) or when the last connection closes, and then the WAL file is
        // deleted and making it again needs space too.
        var filler = server.Inside(Path.Combine(Disk, "filler"));
        Fill(filler);
        var result = await call;

        Assert.False(IsError(result), Text(result));
        var id = result["structuredContent"]!["task_id"]!.GetValue<string>();
        Assert.Equal(Assert.Single(_sandbox.TaskIds), id);
        Assert.DoesNotContain("Nothing was submitted", Text(result), StringComparison.Ordinal);

        // Proof that the fault happened as meant: the journal's write after the POST failed with SQLITE_FULL.
        Assert.Contains("journal could not record", Text(result), StringComparison.Ordinal);
        Assert.Contains("database or disk is full", Text(result), StringComparison.Ordinal);

        // Held full past the first background retry (5 s after the failure): the task is still not journaled, nor lost.
        await Task.Delay(TimeSpan.FromSeconds(6));
        var whileFull = await server.CallAsync("list_tasks", new JsonObject());
        Assert.DoesNotContain(id, Text(whileFull), StringComparison.Ordinal);
        Assert.Equal(1, whileFull["structuredContent"]!["count"]!.GetValue<int>());

        File.Delete(filler);
        JsonNode listed;
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        do
        {
            await Task.Delay(250);
            listed = await server.CallAsync("list_tasks", new JsonObject());
        }
        while (!Text(listed).Contains(id, StringComparison.Ordinal) && DateTime.UtcNow < until);

        Assert.Contains(id, Text(listed), StringComparison.Ordinal);
        Assert.Equal(1, listed["structuredContent"]!["count"]!.GetValue<int>());
        Assert.Equal(1, _sandbox.Counters.SubmitsReceived);
        Assert.Equal(1, _sandbox.Counters.TasksCreated);

        var everything = result.ToJsonString() + listed.ToJsonString() + server.Stdout + server.Stderr;
        foreach (var file in Directory.GetFiles(server.Inside(Disk), "*", SearchOption.AllDirectories))
        {
            everything += System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file));
        }

        Assert.DoesNotContain(Secret, everything, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task OutputFolderFullWhileSaving_NoFileClaimed_PartialKept_SavedWhole_WhenSpaceReturns()
    {
        var videos = Path.Combine(Disk, "videos");
        await using var server = await StdioServerProcess.StartOnSmallDisksAsync(Environment(Path.Combine(_root, "journal.db"), videos), [Disk], "1m");

        // Room for less than half of the 600 KiB video (the journal is elsewhere): the download gets that far, then meets a full disk.
        var room = server.Inside(Path.Combine(Disk, "room"));
        await File.WriteAllBytesAsync(room, new byte[256 * 1024]);
        var filler = server.Inside(Path.Combine(Disk, "filler"));
        Fill(filler);
        File.Delete(room);
        var id = (await server.CallAsync("generate_video", new JsonObject { ["prompt"] = "no room for it" }))["structuredContent"]!["task_id"]!
            .GetValue<string>();

        var full = await server.CallAsync("check_task", new JsonObject { ["task_id"] = id, ["wait"] = 20 });

        var report = full["structuredContent"]!;
        Assert.False(IsError(full), Text(full));
        Assert.Equal("succeeded", report["status"]!.GetValue<string>());
        Assert.Null(report["local_video_path"]);
        Assert.Contains("No space left on device", report["download_error"]?.GetValue<string>() ?? "(no download_error)", StringComparison.Ordinal);
        Assert.DoesNotContain("file path", report["next_step"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("check_task", report["next_step"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(server.Inside(videos), "*.mp4"));
        var partial = new FileInfo(Assert.Single(Directory.GetFiles(server.Inside(videos), "*.mp4.part")));
        Assert.True(partial.Length > 0, "what was downloaded before the disk filled was not kept to resume from");

        File.Delete(filler);
        var saved = await server.CallAsync("check_task", new JsonObject { ["task_id"] = id, ["wait"] = 20 });

        var path = saved["structuredContent"]!["local_video_path"]?.GetValue<string>();
        Assert.True(path is not null, Text(saved));
        using var http = new HttpClient();
        var served = await http.GetByteArrayAsync(report["video_url"]!.GetValue<string>());
        Assert.Equal(SHA256.HashData(served), SHA256.HashData(await File.ReadAllBytesAsync(server.Inside(path))));
        Assert.Empty(Directory.GetFiles(server.Inside(videos), "*.part"));
    }

    // Writes whole pages until the disk has none left; a page-sized write at a page boundary fails only when no page is free.
    private static void Fill(string path)
    {
        var page = new byte[Page];
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        try
        {
            while (true)
            {
                file.Write(page);
            }
        }
        catch (IOException ex) when (ex.HResult == ENOSPC)
        {
        }
    }
}
