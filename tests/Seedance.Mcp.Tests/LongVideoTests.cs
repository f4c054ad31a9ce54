using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Seedance.Sandbox;
using Seedance.Testing;

using static Seedance.Mcp.Tests.ToolResult;

namespace Seedance.Mcp.Tests;

/// <summary>
/// generate_long_video through the built server process against a sandbox on loopback that renders a real clip per task
/// (ffmpeg, which CI installs): the chain, the film, a restart in the middle, and a failed shot.
/// </summary>
public sealed class LongVideoTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "seedance-long", Guid.NewGuid().ToString("N"));
    private SeedanceSandbox _sandbox = null!;

    public async Task InitializeAsync() =>
        _sandbox = await SeedanceSandbox.StartAsync(new SandboxOptions { TaskDuration = TimeSpan.FromSeconds(3), QueueTime = TimeSpan.FromMilliseconds(300) });

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
        ["SEEDANCE_API_KEY"] = _sandbox.ApiKey,
        ["SEEDANCE_BASE_URL"] = _sandbox.BaseUrl.AbsoluteUri,
        ["SEEDANCE_JOURNAL"] = Path.Combine(_root, "journal.db"),
        ["SEEDANCE_OUTPUT_DIR"] = Path.Combine(_root, "videos"),
        ["Seedance__Polling__InitialDelay"] = "00:00:00.500",
        ["Seedance__Polling__MinInterval"] = "00:00:00.250",
        ["Seedance__Polling__MaxInterval"] = "00:00:01",
    };

    private static JsonObject Storyboard => new()
    {
        ["shots"] = new JsonArray(
            new JsonObject { ["prompt"] = "a paper boat is set on a rain puddle", ["duration"] = 4 },
            new JsonObject { ["prompt"] = "the boat drifts into a gutter stream", ["duration"] = 5 },
            new JsonObject { ["prompt"] = "the boat sails out into the sea at dusk", ["duration"] = 4 }),
        ["size"] = "9:16",
    };

    private static async Task<JsonNode> FollowAsync(StdioServerProcess server, string sequenceId)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            var result = await server.CallAsync("check_task", new JsonObject { ["task_id"] = sequenceId, ["wait"] = 20 });
            Assert.False(IsError(result), Text(result));
            if (result["structuredContent"]!["done"]!.GetValue<bool>() || DateTime.UtcNow > until)
            {
                return result;
            }
        }
    }

    private async Task WaitForSubmitsAsync(int count)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (_sandbox.ReceivedSubmitBodies.Count < count && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        Assert.Equal(count, _sandbox.ReceivedSubmitBodies.Count);
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public async Task ThreeShots_ThreeSubmitsEachFromThePreviousLastFrame_OneFilmAsLongAsTheClips()
    {
        RequiredPrograms.Ffmpeg();
        await using var server = await StdioServerProcess.StartAsync(Environment());

        var started = await server.CallAsync("generate_long_video", Storyboard);
        Assert.False(IsError(started), Text(started));
        var id = started["structuredContent"]!["sequence_id"]!.GetValue<string>();
        Assert.StartsWith("seq_", id, StringComparison.Ordinal);
        var done = await FollowAsync(server, id);

        var report = done["structuredContent"]!;
        Assert.Equal("succeeded", report["status"]!.GetValue<string>());
        var bodies = _sandbox.ReceivedSubmitBodies.Select(b => JsonNode.Parse(b)!).ToArray();
        Assert.Equal(3, bodies.Length);
        var tasks = report["shots"]!.AsArray().Select(s => s!["task_id"]!.GetValue<string>()).ToArray();
        Assert.Equal(_sandbox.TaskIds.Order(StringComparer.Ordinal), tasks.Order(StringComparer.Ordinal));
        Assert.Null(bodies[0]["image_with_roles"]);
        for (var shot = 1; shot < 3; shot++)
        {
            var frame = Assert.Single(bodies[shot]["image_with_roles"]!.AsArray())!;
            Assert.Equal("first_frame", frame["role"]!.GetValue<string>());
            Assert.Equal(new Uri(_sandbox.BaseUrl, $"/files/frames/{tasks[shot - 1]}.png").AbsoluteUri, frame["url"]!.GetValue<string>());
        }

        Assert.All(bodies, b => Assert.True(b["return_last_frame"]!.GetValue<bool>()));
        Assert.All(bodies, b => Assert.Equal("9:16", b["size"]!.GetValue<string>()));

        var film = report["film_path"]!.GetValue<string>();
        var clips = report["shots"]!.AsArray().Select(s => s!["local_video_path"]!.GetValue<string>()).ToArray();
        var lengths = new List<double>();
        foreach (var clip in clips)
        {
            lengths.Add(await Ffprobe.SecondsAsync(clip));
        }

        Assert.Equal(13, lengths.Sum(), 1);
        Assert.Equal(lengths.Sum(), await Ffprobe.SecondsAsync(film), 1);
        Assert.Equal("stream_copy", report["stitch_method"]!.GetValue<string>());
        Assert.Contains(film, Text(done), StringComparison.Ordinal);

        // list_tasks shows the film with its shots; each shot task names its sequence.
        var listed = await server.CallAsync("list_tasks", new JsonObject());
        var sequence = Assert.Single(listed["structuredContent"]!["sequences"]!.AsArray())!;
        Assert.Equal(id, sequence["sequence_id"]!.GetValue<string>());
        Assert.Equal(3, sequence["shots"]!.AsArray().Count);
        Assert.All(listed["structuredContent"]!["tasks"]!.AsArray(), t => Assert.Equal(id, t!["sequence_id"]!.GetValue<string>()));
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public async Task StoppedDuringShotTwo_ThenKilledAndRestarted_ShotThreeNeverSentAndTheFilmIsTheFirstTwo()
    {
        RequiredPrograms.Ffmpeg();
        var server = await StdioServerProcess.StartAsync(Environment());
        var started = await server.CallAsync("generate_long_video", Storyboard);
        var id = started["structuredContent"]!["sequence_id"]!.GetValue<string>();
        await WaitForSubmitsAsync(2);

        var stopped = await server.CallAsync("stop_long_video", new JsonObject { ["sequence_id"] = id });
        Assert.False(IsError(stopped), Text(stopped));
        Assert.Contains("shot 3 will not be sent", stopped["structuredContent"]!["warnings"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        server.Kill();
        await server.DisposeAsync();

        await using var restarted = await StdioServerProcess.StartAsync(Environment());
        var done = await FollowAsync(restarted, id);

        var report = done["structuredContent"]!;
        Assert.Equal("stopped", report["status"]!.GetValue<string>());
        Assert.Equal(2, report["shot_count"]!.GetValue<int>());
        var clips = report["shots"]!.AsArray().Select(s => s!["local_video_path"]!.GetValue<string>()).ToArray();
        Assert.Equal(2, clips.Length);
        Assert.Equal(await Ffprobe.SecondsAsync(clips[0]) + await Ffprobe.SecondsAsync(clips[1]), await Ffprobe.SecondsAsync(report["film_path"]!.GetValue<string>()), 1);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(2, _sandbox.ReceivedSubmitBodies.Count);
        Assert.DoesNotContain(_sandbox.ReceivedSubmitBodies, b => b.Contains("sails out into the sea", StringComparison.Ordinal));
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public async Task ServerKilledDuringShotTwo_RestartedServerFinishesTheChain_NoShotSubmittedTwice()
    {
        RequiredPrograms.Ffmpeg();
        var server = await StdioServerProcess.StartAsync(Environment());
        var started = await server.CallAsync("generate_long_video", Storyboard);
        var id = started["structuredContent"]!["sequence_id"]!.GetValue<string>();
        await WaitForSubmitsAsync(2);
        server.Kill();
        await server.DisposeAsync();

        await using var restarted = await StdioServerProcess.StartAsync(Environment());
        var done = await FollowAsync(restarted, id);

        Assert.Equal("succeeded", done["structuredContent"]!["status"]!.GetValue<string>());
        Assert.Equal(3, _sandbox.ReceivedSubmitBodies.Count);
        Assert.Equal(3, _sandbox.Counters.TasksCreated);
        Assert.True(File.Exists(done["structuredContent"]!["film_path"]!.GetValue<string>()));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task ShotTwoFails_ChainStopsThere_AnswerSaysWhichShotAndWhy()
    {
        await using var server = await StdioServerProcess.StartAsync(Environment());
        var started = await server.CallAsync("generate_long_video", Storyboard);
        var id = started["structuredContent"]!["sequence_id"]!.GetValue<string>();
        await WaitForSubmitsAsync(1);
        _sandbox.Faults.Add("submit/fail");

        var done = await FollowAsync(server, id);

        var report = done["structuredContent"]!;
        Assert.Equal("failed", report["status"]!.GetValue<string>());
        Assert.Equal(2, report["failed_shot"]!.GetValue<int>());
        Assert.Contains("fault 'fail'", report["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["succeeded", "failed", "not_started"], report["shots"]!.AsArray().Select(s => s!["status"]!.GetValue<string>()));
        Assert.Contains("stopped at shot 2", Text(done), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, _sandbox.ReceivedSubmitBodies.Count);
        Assert.Null(report["film_path"]);
    }
}
