using System.Text.Json;
using Microsoft.Data.Sqlite;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Seedance.Sandbox;

namespace Seedance.Mcp.Tests;

/// <summary>
/// The models follow the provider through the built server process and the SDK's MCP client, with a key set and the sandbox
/// standing in for the provider: its lowered limit, its new model and 2.5 are enforced before anything is sent, and a finished
/// task shows what it was charged next to its estimate.
/// </summary>
public sealed class ModelFactsProcessTests : IAsyncLifetime
{
    private const string Secret = "sk-live-model-facts-NEVER-PRINT-3c9e";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "seedance-mcp-models", Guid.NewGuid().ToString("N"));
    private SeedanceSandbox _sandbox = null!;

    public async Task InitializeAsync()
    {
        var options = new SandboxOptions { ApiKey = Secret, TaskDuration = TimeSpan.FromSeconds(2), RenderClips = false };
        options.ModelChanges.Add("doubao-seedance-2.0:max_duration=12");
        options.ModelChanges.Add("+seedance-3.0:resolutions=720p;max_duration=20;price_720p=0.3");
        _sandbox = await SeedanceSandbox.StartAsync(options);
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

    private async Task<McpClient> StartAsync(StringWriter stderr)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "seedance",
            Command = "dotnet",
            Arguments = [Path.Combine(AppContext.BaseDirectory, "seedance-mcp.dll")],
            EnvironmentVariables = new Dictionary<string, string?>
            {
                ["SEEDANCE_API_KEY"] = Secret,
                ["APIMART_API_KEY"] = "",
                ["SEEDANCE_BASE_URL"] = _sandbox.BaseUrl.AbsoluteUri,
                ["SEEDANCE_JOURNAL"] = Path.Combine(_root, "journal.db"),
                ["SEEDANCE_OUTPUT_DIR"] = Path.Combine(_root, "videos"),
                ["SEEDANCE_CONFIRM_ABOVE_USD"] = "off",
                ["SEEDANCE_DAILY_BUDGET_USD"] = "",
            },
            StandardErrorLines = line =>
            {
                lock (stderr)
                {
                    stderr.WriteLine(line);
                }
            },
        });
        return await McpClient.CreateAsync(transport);
    }

    private static ValueTask<CallToolResult> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments) =>
        client.CallToolAsync(tool, arguments);

    private static string Text(CallToolResult result) => string.Join(" ", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    [Fact]
    [Trait("Category", "Slow")]
    public async Task ProviderFacts_EnforcedBeforeSending_AndTheChargeShownBesideTheEstimate()
    {
        var stderr = new StringWriter();
        await using var client = await StartAsync(stderr);

        // list_models waits for the reading the first call starts: the provider's lowered limit is in force after it.
        var models = await CallAsync(client, "list_models", []);
        var fifteen = await CallAsync(client, "generate_video", new() { ["prompt"] = "a cat", ["duration"] = 15 });
        var thirtyOne = await CallAsync(client, "generate_video", new() { ["prompt"] = "a kite", ["model"] = "seedance-2.5", ["duration"] = 31 });
        var submitsBefore = _sandbox.Counters.SubmitsReceived;
        var thirty = await CallAsync(client, "generate_video", new() { ["prompt"] = "a kite", ["model"] = "seedance-2.5", ["duration"] = 30 });
        var added = await CallAsync(client, "generate_video", new() { ["prompt"] = "a fox", ["model"] = "seedance-3.0", ["duration"] = 20 });

        Assert.False(models.IsError == true, Text(models));
        Assert.Equal("provider", models.StructuredContent!.Value.GetProperty("facts_from").GetString());
        Assert.Contains("doubao-seedance-2.0: an integer from 4 to 12 (seconds)", Text(models), StringComparison.Ordinal);
        Assert.True(fifteen.IsError == true);
        Assert.Contains("4 to 12", Text(fifteen), StringComparison.Ordinal);
        Assert.True(thirtyOne.IsError == true);
        Assert.Contains("4 to 30", Text(thirtyOne), StringComparison.Ordinal);
        Assert.Equal(0, submitsBefore);
        Assert.False(thirty.IsError == true, Text(thirty));
        Assert.Equal(6.48m, thirty.StructuredContent!.Value.GetProperty("estimated_cost_usd").GetDecimal());
        Assert.False(added.IsError == true, Text(added));
        Assert.Equal(6.00m, added.StructuredContent!.Value.GetProperty("estimated_cost_usd").GetDecimal());

        var id = thirty.StructuredContent!.Value.GetProperty("task_id").GetString()!;
        JsonElement done = default;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var check = await CallAsync(client, "check_task", new() { ["task_id"] = id, ["wait"] = 20 });
            done = check.StructuredContent!.Value;
            if (done.GetProperty("status").GetString() == "succeeded")
            {
                Assert.Contains("Charged: $6.48", Text(check), StringComparison.Ordinal);
                break;
            }
        }

        Assert.Equal("succeeded", done.GetProperty("status").GetString());
        Assert.Equal(6.48m, done.GetProperty("cost_usd").GetDecimal());
        Assert.Equal(6.48m, done.GetProperty("estimated_cost_usd").GetDecimal());
        var listed = await CallAsync(client, "list_tasks", []);
        var row = listed.StructuredContent!.Value.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("task_id").GetString() == id);
        Assert.Equal((6.48m, 6.48m), (row.GetProperty("cost_usd").GetDecimal(), row.GetProperty("estimated_cost_usd").GetDecimal()));

        // Each difference from the shipped catalogue is logged once on stderr, and the key nowhere.
        await client.DisposeAsync();
        var log = stderr.ToString();
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(log, "doubao-seedance-2.0: duration an integer from 4 to 15"));
        Assert.DoesNotContain(Secret, log, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task SchemaEndpointDown_EveryCallBehavesAsToday()
    {
        _sandbox.Faults.Add(Seedance.Sandbox.Faults.FaultRule.Parse("models/500*999"));
        var stderr = new StringWriter();
        await using var client = await StartAsync(stderr);

        var models = await CallAsync(client, "list_models", []);
        var fifteen = await CallAsync(client, "generate_video", new() { ["prompt"] = "a cat", ["duration"] = 15, ["dry_run"] = true });
        var thirty = await CallAsync(client, "generate_video", new() { ["prompt"] = "a kite", ["model"] = "seedance-2.5", ["duration"] = 30, ["dry_run"] = true });

        Assert.False(models.IsError == true, Text(models));
        Assert.Equal("shipped", models.StructuredContent!.Value.GetProperty("facts_from").GetString());
        Assert.False(fifteen.IsError == true, Text(fifteen));
        Assert.False(thirty.IsError == true, Text(thirty));
        Assert.Contains("reported", thirty.StructuredContent!.Value.GetProperty("estimate_basis").GetString(), StringComparison.Ordinal);
    }
}
