using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Npgsql;
using Seedance.Sandbox;
using Seedance.Testing;

namespace Seedance.Mcp.Tests;

/// <summary>
/// Two built server processes in multi-user mode on one PostgreSQL journal and one shared output folder, behind nginx
/// (round robin) where a test says so, against a provider stand-in that keeps each key's tasks apart: callers stay apart
/// through the balancer, a film survives the death of the instance chaining it with no extra paid submit, and a budget
/// holds when calls race on both instances. Skipped where PostgreSQL or nginx is missing (failed in CI).
/// </summary>
public sealed class SeveralInstancesTests : IAsyncLifetime
{
    private static readonly string KeyA = "sk-alice-" + Guid.NewGuid().ToString("N");
    private static readonly string KeyB = "sk-bob-" + Guid.NewGuid().ToString("N");

    private readonly string _root = Path.Combine(Path.GetTempPath(), "seedance-instances", Guid.NewGuid().ToString("N"));
    private readonly List<HttpServerProcess> _servers = [];
    private SeedanceSandbox _sandbox = null!;
    private string _database = null!;

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

    private async Task<HttpServerProcess> StartInstanceAsync(string name, string? budget = null)
    {
        var server = await HttpServerProcess.StartAsync(new Dictionary<string, string?>
        {
            ["SEEDANCE_BASE_URL"] = _sandbox.BaseUrl.AbsoluteUri,
            ["SEEDANCE_DATABASE_URL"] = _database,
            ["SEEDANCE_JOURNAL"] = Path.Combine(_root, name, "unused.db"),
            ["SEEDANCE_OUTPUT_DIR"] = Path.Combine(_root, "shared-videos"),
            ["SEEDANCE_CONFIRM_ABOVE_USD"] = "off",
            ["SEEDANCE_DAILY_BUDGET_USD"] = budget ?? "off",
            ["SEEDANCE_SERVER_SECRET"] = "instances-test-secret-" + new string('s', 32),
            ["Seedance__Polling__InitialDelay"] = "00:00:00.300",
            ["Seedance__Polling__MinInterval"] = "00:00:00.250",
            ["Seedance__Polling__MaxInterval"] = "00:00:01",
        }, "--multi-user");
        _servers.Add(server);
        return server;
    }

    private async Task<(HttpServerProcess First, HttpServerProcess Second)> StartTwoAsync(string? budget = null)
    {
        _database = PostgresServer.NewDatabase();
        var first = await StartInstanceAsync("first", budget);
        var second = await StartInstanceAsync("second", budget);
        return (first, second);
    }

    [SkippableFact]
    public async Task TwoUsersThroughNginx_NeitherReachesTheOther_AndNoKeyInTheDatabase()
    {
        var (first, second) = await StartTwoAsync();
        await using var nginx = await NginxProxy.StartAsync(first.Endpoint.Port, second.Endpoint.Port);
        await using var alice = await ConnectAsync(nginx.Endpoint, KeyA);
        await using var bob = await ConnectAsync(nginx.Endpoint, KeyB);

        var started = await CallAsync(alice, "generate_video", new() { ["prompt"] = "alice through nginx", ["duration"] = 4 });
        var taskId = started.StructuredContent!.Value.GetProperty("task_id").GetString()!;
        var done = await CallAsync(alice, "check_task", new() { ["task_id"] = taskId, ["wait"] = 30 });
        Assert.True(done.StructuredContent!.Value.GetProperty("done").GetBoolean(), Text(done));

        // Round robin: some of Alice's calls went to each instance, and each instance found her task in the shared journal.
        for (var i = 0; i < 4; i++)
        {
            var list = await CallAsync(alice, "list_tasks", new());
            Assert.Contains(taskId, Raw(list), StringComparison.Ordinal);
            var bobs = await CallAsync(bob, "list_tasks", new());
            Assert.DoesNotContain(taskId, Raw(bobs), StringComparison.Ordinal);
            var check = await CallRawAsync(bob, "check_task", new() { ["task_id"] = taskId });
            var unknown = await CallRawAsync(bob, "check_task", new() { ["task_id"] = "task_" + new string('0', taskId.Length - 5) });
            Assert.Equal(unknown.Replace("task_" + new string('0', taskId.Length - 5), "<id>", StringComparison.Ordinal),
                check.Replace(taskId, "<id>", StringComparison.Ordinal));
        }

        var everything = await DumpDatabaseAsync();
        Assert.Contains(taskId, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyA, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyB, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyA, first.Stderr + second.Stderr, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task InstanceKilledMidFilm_TheOtherFinishesIt_WithNoExtraPaidSubmit()
    {
        var (first, second) = await StartTwoAsync();
        await using var onFirst = await ConnectAsync(first.Endpoint, KeyA);
        await using var onSecond = await ConnectAsync(second.Endpoint, KeyA);
        await CallAsync(onSecond, "list_tasks", new());

        var film = await CallAsync(onFirst, "generate_long_video", new()
        {
            ["shots"] = new JsonArray(
                new JsonObject { ["prompt"] = "a paper boat on a puddle", ["duration"] = 4 },
                new JsonObject { ["prompt"] = "the boat in a gutter stream", ["duration"] = 4 },
                new JsonObject { ["prompt"] = "the boat at sea", ["duration"] = 4 }),
        });
        var sequenceId = film.StructuredContent!.Value.GetProperty("sequence_id").GetString()!;
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (_sandbox.Counters.TasksCreated < 1 && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }

        Assert.True(_sandbox.Counters.TasksCreated >= 1, "the first shot was never sent");
        await onFirst.DisposeAsync();
        await first.DisposeAsync();
        _servers.Remove(first);
        var killedAt = DateTime.UtcNow;

        // The other instance takes the film over once the dead one's lease lapses, and chains the rest.
        JsonElement report;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        do
        {
            report = (await CallAsync(onSecond, "check_task", new() { ["task_id"] = sequenceId, ["wait"] = 20 })).StructuredContent!.Value;
        }
        while (!report.GetProperty("done").GetBoolean() && DateTime.UtcNow < deadline);

        Assert.True(report.GetProperty("done").GetBoolean(), report.GetRawText());
        Assert.Equal(3, report.GetProperty("shots_done").GetInt32());
        Assert.Equal(3, _sandbox.Counters.TasksCreated);
        Assert.True(DateTime.UtcNow - killedAt < TimeSpan.FromMinutes(2));
    }

    [SkippableFact]
    public async Task BudgetRaceAcrossInstances_NeverPassesTheBudget()
    {
        // One 4 s clip at 720p is quoted $0.78: a $1.00 budget admits exactly one, whichever instance answers first.
        var (first, second) = await StartTwoAsync(budget: "1.00");
        await using var onFirst = await ConnectAsync(first.Endpoint, KeyA);
        await using var onSecond = await ConnectAsync(second.Endpoint, KeyA);

        var calls = Enumerable.Range(0, 10).Select(i => CallRawAsync(i % 2 == 0 ? onFirst : onSecond, "generate_video",
            new() { ["prompt"] = $"race {i}", ["duration"] = 4 })).ToArray();
        var answers = await Task.WhenAll(calls);

        Assert.Equal(1, _sandbox.Counters.TasksCreated);
        Assert.Equal(9, answers.Count(a => a.Contains("\"isError\":true", StringComparison.Ordinal)));

        // Another caller has a budget of their own.
        await using var bob = await ConnectAsync(second.Endpoint, KeyB);
        await CallAsync(bob, "generate_video", new() { ["prompt"] = "bob's", ["duration"] = 4 });
        Assert.Equal(2, _sandbox.Counters.TasksCreated);
    }

    private async Task<string> DumpDatabaseAsync()
    {
        await using var connection = new NpgsqlConnection(Journal.PostgresUrlForTests(_database));
        await connection.OpenAsync();
        var text = new System.Text.StringBuilder();
        foreach (var table in (string[])["tasks", "sequences", "quotes", "leases", "journal_meta"])
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

    private static Task<McpClient> ConnectAsync(Uri endpoint, string key) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + key },
        }));

    private static async Task<CallToolResult> CallAsync(McpClient client, string tool, JsonObject arguments)
    {
        var result = await client.CallToolAsync(tool, arguments.ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone()));
        Assert.True(result.IsError != true, $"{tool}: {Text(result)}");
        return result;
    }

    private static async Task<string> CallRawAsync(McpClient client, string tool, JsonObject arguments) =>
        JsonSerializer.Serialize(await client.CallToolAsync(tool, arguments.ToDictionary(p => p.Key, p => (object?)p.Value?.DeepClone())));

    private static string Text(CallToolResult result) => string.Join(" ", result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    private static string Raw(CallToolResult result) => JsonSerializer.Serialize(result);

    private static class Journal
    {
        // postgres://user@host:port/db as Npgsql's own form (the test server trusts local connections).
        public static string PostgresUrlForTests(string url)
        {
            var uri = new Uri(url);
            return $"Host={uri.Host};Port={uri.Port};Username={uri.UserInfo.Split(':')[0]};Database={uri.AbsolutePath.Trim('/')}";
        }
    }
}
