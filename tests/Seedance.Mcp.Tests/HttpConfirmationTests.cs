using System.Text.Json;
using Microsoft.Data.Sqlite;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Seedance.Sandbox;

namespace Seedance.Mcp.Tests;

/// <summary>
/// The price question over Streamable HTTP, through the built server as a child process and the provider stand-in's own
/// counters: a client that initializes gets a session and is asked by elicitation; a client on 2026-07-28 (the SDK
/// client's default) is served statelessly and asked by a multi round-trip request. Either way a "no" sends nothing and
/// a "yes" sends one request.
/// </summary>
public sealed class HttpConfirmationTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "seedance-http-confirm", Guid.NewGuid().ToString("N"));
    private SeedanceSandbox _sandbox = null!;
    private HttpServerProcess _server = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SeedanceSandbox.StartAsync(new SandboxOptions { ApiKey = "sk-http-confirm-test-key", TaskDuration = TimeSpan.FromSeconds(30) });
        _server = await HttpServerProcess.StartAsync(new Dictionary<string, string?>
        {
            ["SEEDANCE_API_KEY"] = _sandbox.ApiKey,
            ["SEEDANCE_BASE_URL"] = _sandbox.BaseUrl.AbsoluteUri,
            ["SEEDANCE_JOURNAL"] = Path.Combine(_root, "journal.db"),
            ["SEEDANCE_OUTPUT_DIR"] = Path.Combine(_root, "videos"),
            ["SEEDANCE_CONFIRM_ABOVE_USD"] = "",
            ["SEEDANCE_DAILY_BUDGET_USD"] = "",
        });
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

    [Theory]
    [InlineData("2025-11-25")]
    [InlineData("2025-06-18")]
    [InlineData("2026-07-28")]
    [InlineData(null)]
    public async Task GenerateVideo_OverHttp_ClientThatCanBeAskedIsAsked_NoSendsNothing_YesSendsOnce(string? protocolVersion)
    {
        var asked = new List<ElicitRequestParams>();
        var answer = "decline";
        await using var client = await ConnectAsync(protocolVersion, (request, _) =>
        {
            lock (asked)
            {
                asked.Add(request!);
            }

            return ValueTask.FromResult(answer == "accept"
                ? new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(true) } }
                : new ElicitResult { Action = answer });
        });

        // No version asked for: the client prefers 2026-07-28, which this server speaks (stateless, multi round-trip).
        Assert.Equal(protocolVersion ?? "2026-07-28", client.NegotiatedProtocolVersion);
        var declined = await client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "a cat", ["duration"] = 10 });

        var question = Assert.Single(asked);
        Assert.Contains("$1.95", question.Message, StringComparison.Ordinal);
        Assert.True(declined.IsError);
        Assert.Equal("declined", declined.StructuredContent!.Value.GetProperty("kind").GetString());
        Assert.Equal(0, _sandbox.Counters.SubmitsReceived);
        Assert.Equal(0, _sandbox.Counters.Uploads);

        answer = "accept";
        var approved = await client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "a cat", ["duration"] = 10 });

        Assert.Equal(2, asked.Count);
        Assert.NotEqual(true, approved.IsError);
        Assert.StartsWith("task_", approved.StructuredContent!.Value.GetProperty("task_id").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, _sandbox.Counters.SubmitsReceived);
        Assert.Equal(1, _sandbox.Counters.TasksCreated);
    }

    private Task<McpClient> ConnectAsync(string? protocolVersion, Func<ElicitRequestParams?, CancellationToken, ValueTask<ElicitResult>> handler) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = _server.Endpoint, TransportMode = HttpTransportMode.StreamableHttp }),
            new McpClientOptions
            {
                ProtocolVersion = protocolVersion,
                // The server/discover probe is the server's first request (cold JIT): on a busy two-core machine it can
                // take longer than the client's 5 s default, and the client would then fall back to initialize.
                DiscoverProbeTimeout = TimeSpan.FromSeconds(30),
                Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability { Form = new FormElicitationCapability() } },
                Handlers = new McpClientHandlers { ElicitationHandler = handler },
            });
}
