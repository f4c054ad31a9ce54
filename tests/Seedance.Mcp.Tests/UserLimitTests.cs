using System.Net;
using System.Text;
using ModelContextProtocol.Client;
using Microsoft.Data.Sqlite;
using Seedance.Sandbox;

namespace Seedance.Mcp.Tests;

/// <summary>Per-user limits of a multi-user server, through the built server process: requests a minute, videos in progress.</summary>
public sealed class UserLimitTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "seedance-user-limits", Guid.NewGuid().ToString("N"));
    private SeedanceSandbox _sandbox = null!;
    private HttpServerProcess _server = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SeedanceSandbox.StartAsync(new SandboxOptions { AcceptAnyKey = true, TaskDuration = TimeSpan.FromMinutes(5), RenderClips = false });
        _server = await HttpServerProcess.StartAsync(new Dictionary<string, string?>
        {
            ["SEEDANCE_BASE_URL"] = _sandbox.BaseUrl.AbsoluteUri,
            ["SEEDANCE_JOURNAL"] = Path.Combine(_root, "journal.db"),
            ["SEEDANCE_OUTPUT_DIR"] = Path.Combine(_root, "videos"),
            ["SEEDANCE_CONFIRM_ABOVE_USD"] = "off",
            ["SEEDANCE_USER_REQUESTS_PER_MINUTE"] = "12",
            ["SEEDANCE_USER_MAX_OPEN_TASKS"] = "1",
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
    public async Task OverTheRequestRate_429WithRetryAfter_OnlyForThatCaller()
    {
        using var http = new HttpClient();
        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 15; i++)
        {
            statuses.Add(await http.SendAsync(Initialize("sk-busy-caller-1234")));
        }

        var refused = statuses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToArray();
        Assert.NotEmpty(refused);
        Assert.True(statuses.Count(r => r.StatusCode == HttpStatusCode.OK) <= 12);
        Assert.InRange(refused[0].Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Contains("Retry after", await refused[0].Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(Initialize("sk-quiet-caller-5678"))).StatusCode);
    }

    [Fact]
    public async Task OverTheOpenVideos_PaidCallRefusedWithNothingSent_DryRunStillAnswers()
    {
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = _server.Endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer sk-limited-caller-9999" },
        }));

        var first = await client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "one", ["duration"] = 4 });
        var second = await client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "two", ["duration"] = 4 });
        var priced = await client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "two", ["duration"] = 4, ["dry_run"] = true });

        Assert.NotEqual(true, first.IsError);
        Assert.True(second.IsError);
        Assert.Equal("limit", second.StructuredContent!.Value.GetProperty("kind").GetString());
        Assert.NotEqual(true, priced.IsError);
        Assert.Equal(1, _sandbox.Counters.TasksCreated);
    }

    private HttpRequestMessage Initialize(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _server.Endpoint)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return request;
    }
}
