using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Npgsql;
using Seedance.Sandbox;
using Seedance.Testing;

namespace Seedance.Mcp.Tests;

/// <summary>
/// What the several-instances tests share: two built server processes in multi-user mode on one PostgreSQL journal and one
/// shared output folder, behind nginx (round robin) where a test says so, against a provider stand-in that keeps each key's
/// tasks apart; skipped where PostgreSQL or nginx is missing (failed in CI).
/// </summary>
public abstract class SeveralInstancesBase : IAsyncLifetime
{
    private protected static readonly string KeyA = "sk-alice-" + Guid.NewGuid().ToString("N");
    private protected static readonly string KeyB = "sk-bob-" + Guid.NewGuid().ToString("N");

    private protected readonly string _root = Path.Combine(Path.GetTempPath(), "seedance-instances", Guid.NewGuid().ToString("N"));
    private protected readonly List<HttpServerProcess> _servers = [];
    private protected SeedanceSandbox _sandbox = null!;
    private protected string _database = null!;

    public async Task InitializeAsync() => _sandbox = await SeedanceSandbox.StartAsync(new SandboxOptions
    {
        AcceptAnyKey = true,
        TaskDuration = TimeSpan.FromSeconds(3),
        QueueTime = TimeSpan.FromMilliseconds(300),
        RenderClips = RequiredPrograms.Find("ffmpeg") is not null,
    });

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        await _sandbox.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private protected async Task<HttpServerProcess> StartInstanceAsync(string name, string? budget = null, SeedanceSandbox? provider = null,
        bool multiUser = true, IReadOnlyDictionary<string, string?>? more = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["SEEDANCE_BASE_URL"] = (provider ?? _sandbox).BaseUrl.AbsoluteUri,
            ["SEEDANCE_DATABASE_URL"] = _database,
            ["SEEDANCE_JOURNAL"] = Path.Combine(_root, name, "unused.db"),
            ["SEEDANCE_OUTPUT_DIR"] = Path.Combine(_root, "shared-videos"),
            ["SEEDANCE_CONFIRM_ABOVE_USD"] = "off",
            ["SEEDANCE_DAILY_BUDGET_USD"] = budget ?? "off",
            ["SEEDANCE_SERVER_SECRET"] = "instances-test-secret-" + new string('s', 32),
            ["Seedance__Polling__InitialDelay"] = "00:00:00.300",
            ["Seedance__Polling__MinInterval"] = "00:00:00.250",
            ["Seedance__Polling__MaxInterval"] = "00:00:01",
        };
        foreach (var (variable, value) in more ?? new Dictionary<string, string?>())
        {
            environment[variable] = value;
        }

        var server = await HttpServerProcess.StartAsync(environment, multiUser ? ["--multi-user"] : []);
        lock (_servers)
        {
            _servers.Add(server);
        }

        return server;
    }

    private protected async Task KillAsync(HttpServerProcess server)
    {
        await server.DisposeAsync();
        lock (_servers)
        {
            _servers.Remove(server);
        }
    }

    private protected async Task<(HttpServerProcess First, HttpServerProcess Second)> StartTwoAsync(string? budget = null)
    {
        _database = PostgresServer.NewDatabase();
        var first = await StartInstanceAsync("first", budget);
        var second = await StartInstanceAsync("second", budget);
        return (first, second);
    }

    private protected static HttpRequestMessage Initialize(Uri endpoint, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""",
                System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return request;
    }

    private protected static FileInfo[] Partials(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, ".*.part", SearchOption.AllDirectories).Select(f => new FileInfo(f)).ToArray() : [];

    private protected async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Journal.PostgresUrlForTests(_database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private protected async Task<string> DumpDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(Journal.PostgresUrlForTests(_database));
        await connection.OpenAsync();
        var text = new System.Text.StringBuilder();
        foreach (var table in (string[])["tasks", "sequences", "quotes", "leases", "journal_meta", "request_counts"])
        {
            await using var command = new NpgsqlCommand($"SELECT t::text FROM {table} t", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.AppendLine(reader.GetString(0));
            }
        }

        return text.ToString();
    }

    // Stateless (2026-07-28), as a remote connector behind round robin must be: the server/discover probe may be an instance's
    // first, cold request, slower on a busy two-core machine than the client's 5 s default, after which the client would fall
    // back to initialize and a session only the instance that made it knows (the next request, on the other, gets 404).
    private protected static Task<McpClient> ConnectAsync(Uri endpoint, string key) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + key },
        }), new McpClientOptions { ProtocolVersion = "2026-07-28", DiscoverProbeTimeout = TimeSpan.FromSeconds(30) });

    private protected static async Task<CallToolResult> CallAsync(McpClient client, string tool, JsonObject arguments)
    {
        var result = await client.CallToolAsync(tool, arguments.ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone()));
        Assert.True(result.IsError != true, $"{tool}: {Text(result)}");
        return result;
    }

    private protected static async Task<string> CallRawAsync(McpClient client, string tool, JsonObject arguments) =>
        JsonSerializer.Serialize(await client.CallToolAsync(tool, arguments.ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone())));

    private protected static string Text(CallToolResult result) => string.Join(" ", result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    private protected static string Raw(CallToolResult result) => JsonSerializer.Serialize(result);

    private protected static class Journal
    {
        // postgres://user@host:port/db as Npgsql's own form (the test server trusts local connections).
        public static string PostgresUrlForTests(string url)
        {
            var uri = new Uri(url);
            return $"Host={uri.Host};Port={uri.Port};Username={uri.UserInfo.Split(':')[0]};Database={uri.AbsolutePath.Trim('/')}";
        }
    }
}
