using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Seedance.Sandbox;

namespace Seedance.Mcp.Tests;

/// <summary>
/// <c>--multi-user</c> through the built server process over HTTP, with two callers who each bring their own key (the
/// provider stand-in accepts any key as an account of its own, as the provider does): neither sees, checks, extends, stops,
/// reads or completes the other's tasks, another's id answers exactly as an unknown one, and neither key is written anywhere.
/// </summary>
public sealed class MultiUserTests : IAsyncLifetime
{
    private static readonly string KeyA = "sk-alice-" + Guid.NewGuid().ToString("N");
    private static readonly string KeyB = "sk-bob-" + Guid.NewGuid().ToString("N");

    private readonly string _root = Path.Combine(Path.GetTempPath(), "seedance-multi-user", Guid.NewGuid().ToString("N"));
    private readonly List<string> _answers = [];
    private SeedanceSandbox _sandbox = null!;
    private HttpServerProcess _server = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SeedanceSandbox.StartAsync(new SandboxOptions
        {
            AcceptAnyKey = true,
            TaskDuration = TimeSpan.FromSeconds(2),
            QueueTime = TimeSpan.FromMilliseconds(200),
            RenderClips = false,
        });
        _server = await HttpServerProcess.StartAsync(new Dictionary<string, string?>
        {
            ["SEEDANCE_BASE_URL"] = _sandbox.BaseUrl.AbsoluteUri,
            ["SEEDANCE_JOURNAL"] = Path.Combine(_root, "journal.db"),
            ["SEEDANCE_OUTPUT_DIR"] = Path.Combine(_root, "videos"),
            ["SEEDANCE_CONFIRM_ABOVE_USD"] = "off",
            ["SEEDANCE_DAILY_BUDGET_USD"] = "off",
            ["SEEDANCE_SERVER_SECRET"] = "test-secret-" + new string('x', 40),
            ["Seedance__Polling__InitialDelay"] = "00:00:00.300",
            ["Seedance__Polling__MinInterval"] = "00:00:00.250",
            ["Seedance__Polling__MaxInterval"] = "00:00:01",
        }, "--multi-user");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _sandbox.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task NoBearer_401WithResourceMetadata_HealthAndReadinessOpen()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, _server.Endpoint)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");

        var refused = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var challenge = refused.Headers.WwwAuthenticate.ToString();
        Assert.StartsWith("Bearer", challenge, StringComparison.Ordinal);
        var metadataUrl = System.Text.RegularExpressions.Regex.Match(challenge, "resource_metadata=\"([^\"]+)\"").Groups[1].Value;
        Assert.StartsWith($"http://127.0.0.1:{_server.Endpoint.Port}/.well-known/oauth-protected-resource", metadataUrl, StringComparison.Ordinal);
        var metadata = JsonNode.Parse(await http.GetStringAsync(metadataUrl))!;
        Assert.Equal(_server.Endpoint.AbsoluteUri, metadata["resource"]!.GetValue<string>());

        Assert.Equal("ok\n", await http.GetStringAsync(new Uri(_server.Endpoint, "/healthz")));
        Assert.Equal("ready\n", await http.GetStringAsync(new Uri(_server.Endpoint, "/readyz")));
    }

    [Fact]
    public async Task TwoCallers_NeitherReachesTheOthersWork_AndNeitherKeyIsWrittenAnywhere()
    {
        await using var alice = await ConnectAsync(KeyA);
        await using var bob = await ConnectAsync(KeyB);

        // Alice makes a clip (saved to her folder) and starts a long video.
        var started = await CallAsync(alice, "generate_video", new() { ["prompt"] = "alice's private lighthouse", ["duration"] = 4 });
        var taskId = started.StructuredContent!.Value.GetProperty("task_id").GetString()!;
        var done = await CallAsync(alice, "check_task", new() { ["task_id"] = taskId, ["wait"] = 30 });
        Assert.True(done.StructuredContent!.Value.GetProperty("done").GetBoolean(), Text(done));
        var film = await CallAsync(alice, "generate_long_video", new()
        {
            ["shots"] = new JsonArray(new JsonObject { ["prompt"] = "alice's shot one", ["duration"] = 4 },
                new JsonObject { ["prompt"] = "alice's shot two", ["duration"] = 4 }),
        });
        var sequenceId = film.StructuredContent!.Value.GetProperty("sequence_id").GetString()!;
        var aliceList = await CallAsync(alice, "list_tasks", new());
        Assert.Contains(taskId, aliceList.StructuredContent!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(sequenceId, aliceList.StructuredContent!.Value.GetRawText(), StringComparison.Ordinal);

        // Bob's list, resources, completion and spend know nothing of hers.
        var bobList = await CallAsync(bob, "list_tasks", new());
        Assert.DoesNotContain(taskId, Raw(bobList), StringComparison.Ordinal);
        Assert.DoesNotContain(sequenceId, Raw(bobList), StringComparison.Ordinal);
        Assert.DoesNotContain("alice", Raw(bobList), StringComparison.Ordinal);
        var bobResources = await bob.ListResourcesAsync();
        Assert.DoesNotContain(bobResources, r => r.Uri.Contains(taskId, StringComparison.Ordinal) || (r.Description ?? "").Contains("alice", StringComparison.Ordinal));
        var aliceResources = await alice.ListResourcesAsync();
        Assert.Contains(aliceResources, r => r.Uri.Contains(taskId, StringComparison.Ordinal));
        var bobCompletion = await bob.CompleteAsync(new ResourceTemplateReference { Uri = "seedance://tasks/{task_id}" }, "task_id", "");
        Assert.DoesNotContain(taskId, bobCompletion.Completion.Values);
        var aliceCompletion = await alice.CompleteAsync(new ResourceTemplateReference { Uri = "seedance://tasks/{task_id}" }, "task_id", "");
        Assert.Contains(taskId, aliceCompletion.Completion.Values);
        var bobBalance = await CallAsync(bob, "get_balance", new());
        Assert.Equal(0, bobBalance.StructuredContent!.Value.GetProperty("tasks_today").GetInt32());
        var aliceBalance = await CallAsync(alice, "get_balance", new());
        Assert.True(aliceBalance.StructuredContent!.Value.GetProperty("tasks_today").GetInt32() >= 1, Raw(aliceBalance));

        // Her ids, asked for by Bob, answer exactly as ids that exist nowhere.
        var unknownTask = "task_" + new string('0', taskId.Length - 5);
        var unknownSequence = "seq_" + new string('0', sequenceId.Length - 4);
        foreach (var (tool, argument, hers, unknown) in new[]
        {
            ("check_task", "task_id", taskId, unknownTask),
            ("check_task", "task_id", sequenceId, unknownSequence),
            ("extend_video", "task_id", taskId, unknownTask),
            ("stop_long_video", "sequence_id", sequenceId, unknownSequence),
        })
        {
            var asHers = await CallRawAsync(bob, tool, new() { [argument] = hers });
            var asUnknown = await CallRawAsync(bob, tool, new() { [argument] = unknown });
            Assert.Equal(Normalized(asUnknown, unknown), Normalized(asHers, hers));
            Assert.DoesNotContain("alice", asHers, StringComparison.Ordinal);
        }

        var readHers = await Assert.ThrowsAsync<McpProtocolException>(() => bob.ReadResourceAsync($"seedance://tasks/{taskId}").AsTask());
        var readUnknown = await Assert.ThrowsAsync<McpProtocolException>(() => bob.ReadResourceAsync($"seedance://tasks/{unknownTask}").AsTask());
        Assert.Equal(readUnknown.Message.Replace(unknownTask, "<id>", StringComparison.Ordinal), readHers.Message.Replace(taskId, "<id>", StringComparison.Ordinal));
        Assert.Equal(readUnknown.ErrorCode, readHers.ErrorCode);
        var aliceRead = await alice.ReadResourceAsync($"seedance://tasks/{taskId}");
        Assert.Contains(taskId, ((TextResourceContents)aliceRead.Contents[0]).Text, StringComparison.Ordinal);

        // Her film is still hers: Bob's stop did not stop it.
        var stillHers = await CallAsync(alice, "check_task", new() { ["task_id"] = sequenceId });
        Assert.DoesNotContain("stop", stillHers.StructuredContent!.Value.GetProperty("status").GetString()!, StringComparison.OrdinalIgnoreCase);

        // Her saved video is in her own folder, not in the shared one, and reachable at a signed link the server serves.
        var saved = Assert.Single(Directory.GetFiles(Path.Combine(_root, "videos", "users"), taskId + ".mp4", SearchOption.AllDirectories));
        Assert.Contains(Path.Combine("videos", "users", "u"), saved, StringComparison.Ordinal);
        var link = Assert.Single(done.Content.OfType<ResourceLinkBlock>(),
            l => l.Uri.StartsWith($"http://127.0.0.1:{_server.Endpoint.Port}/files/users/u", StringComparison.Ordinal)).Uri;
        Assert.DoesNotContain(done.Content.OfType<ResourceLinkBlock>(), l => l.Uri.StartsWith("file:", StringComparison.Ordinal));
        using (var http = new HttpClient())
        {
            var video = await http.GetByteArrayAsync(link);
            Assert.Equal(await File.ReadAllBytesAsync(saved), video);
            var forged = await http.GetAsync(link[..^4] + (link.EndsWith("0000", StringComparison.Ordinal) ? "1111" : "0000"));
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
            var escaped = await http.GetAsync(link.Replace("/files/users/", "/files/../users/", StringComparison.Ordinal));
            Assert.NotEqual(HttpStatusCode.OK, escaped.StatusCode);
        }

        // Neither key is in any answer, any file the server wrote (journal, its WAL, videos, secret), or its log.
        Assert.All(_answers, a => Assert.DoesNotContain(KeyA, a, StringComparison.Ordinal));
        Assert.All(_answers, a => Assert.DoesNotContain(KeyB, a, StringComparison.Ordinal));
        SqliteConnection.ClearAllPools();
        var files = Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).ToArray();
        Assert.Contains(files, f => f.EndsWith("journal.db", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.False(Contains(bytes, KeyA) || Contains(bytes, KeyB), $"a caller's key was written to {file}");
        }

        Assert.DoesNotContain(KeyA, _server.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyB, _server.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostedResult_NamesSavedFilesBySignedLinks_WhichThePlayerMayLoadAndWhichServeTheBytes()
    {
        await using var alice = await ConnectAsync(KeyA);
        var started = await CallAsync(alice, "generate_video", new() { ["prompt"] = "a lantern in the rain", ["duration"] = 4 });
        var taskId = started.StructuredContent!.Value.GetProperty("task_id").GetString()!;
        var done = await CallAsync(alice, "check_task", new() { ["task_id"] = taskId, ["wait"] = 30 });
        Assert.Equal("saved", done.StructuredContent!.Value.GetProperty("save_status").GetString());

        // What the player reads (the structured result) names the saved video and last frame by this server's signed links, as
        // the resource link does; the server's own paths appear nowhere in the result.
        var origin = $"http://127.0.0.1:{_server.Endpoint.Port}";
        var video = done.StructuredContent!.Value.GetProperty("local_video_path").GetString()!;
        var frame = done.StructuredContent!.Value.GetProperty("local_last_frame_path").GetString()!;
        foreach (var link in (string[])[video, frame])
        {
            Assert.StartsWith(origin + "/files/users/u", link, StringComparison.Ordinal);
            Assert.Matches("[?]exp=[0-9]+&sig=[0-9a-f]{40}$", link);
        }

        Assert.Contains(done.Content.OfType<ResourceLinkBlock>(), l => l.Uri == video);
        Assert.DoesNotContain(_root, Raw(done), StringComparison.Ordinal);
        Assert.Contains(video, Text(done), StringComparison.Ordinal);

        // The links serve the saved bytes, with no bearer (a video element sends none), and ranges for seeking.
        var saved = Assert.Single(Directory.GetFiles(Path.Combine(_root, "videos", "users"), taskId + ".mp4", SearchOption.AllDirectories));
        using var http = new HttpClient();
        Assert.Equal(await File.ReadAllBytesAsync(saved), await http.GetByteArrayAsync(video));
        using var range = new HttpRequestMessage(HttpMethod.Get, video);
        range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 7);
        var partial = await http.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal("ftyp"u8.ToArray(), (await partial.Content.ReadAsByteArrayAsync())[4..8]);
        Assert.Equal("image/png", (await http.GetAsync(frame)).Content.Headers.ContentType!.MediaType);

        // The player's content policy lets it load from this server; the task resource names the same kind of link.
        var player = await alice.ReadResourceAsync("ui://seedance/player.html");
        var domains = player.Contents[0].Meta!["ui"]!["csp"]!["resourceDomains"]!.AsArray().Select(d => d!.GetValue<string>());
        Assert.Contains(origin, domains);
        var resource = ((TextResourceContents)(await alice.ReadResourceAsync($"seedance://tasks/{taskId}")).Contents[0]).Text;
        var fromResource = JsonNode.Parse(resource)!["local_video_path"]!.GetValue<string>();
        Assert.StartsWith(origin + "/files/users/u", fromResource, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(saved), await http.GetByteArrayAsync(fromResource));
    }

    [Fact]
    public async Task ProviderEchoingTheKey_NeverReachesTheCaller()
    {
        await using var alice = await ConnectAsync(KeyA);
        _sandbox.Faults.Add("submit/echo-key:401");

        var answer = await CallRawAsync(alice, "generate_video", new() { ["prompt"] = "a lighthouse", ["duration"] = 4 });

        Assert.Contains("[redacted]", answer, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyA, answer, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyA, _server.Stderr, StringComparison.Ordinal);
    }

    private Task<McpClient> ConnectAsync(string key) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = _server.Endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + key },
        }));

    private async Task<CallToolResult> CallAsync(McpClient client, string tool, JsonObject arguments)
    {
        var result = await client.CallToolAsync(tool, arguments.ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone()));
        lock (_answers)
        {
            _answers.Add(JsonSerializer.Serialize(result));
        }

        Assert.True(result.IsError != true, $"{tool}: {Text(result)}");
        return result;
    }

    private async Task<string> CallRawAsync(McpClient client, string tool, JsonObject arguments)
    {
        var result = await client.CallToolAsync(tool, arguments.ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone()));
        var raw = JsonSerializer.Serialize(result);
        lock (_answers)
        {
            _answers.Add(raw);
        }

        return raw;
    }

    private static string Text(CallToolResult result) => string.Join(" ", result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    private static string Raw(CallToolResult result) => JsonSerializer.Serialize(result);

    private static string Normalized(string answer, string id) => answer.Replace(id, "<id>", StringComparison.Ordinal);

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
