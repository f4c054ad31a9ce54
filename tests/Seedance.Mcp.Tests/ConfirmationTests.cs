using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Seedance.Mcp.Tests;

/// <summary>
/// Spend control through the built server as a child process over stdio, with an SDK client that declares elicitation
/// (form mode) and answers the server's confirmation as a user would: accept, accept-but-no, decline, cancel.
/// </summary>
public sealed class ConfirmationTests
{
    [Theory]
    [InlineData("accept", true, false)]
    [InlineData("accept", false, true)]
    [InlineData("decline", null, true)]
    [InlineData("cancel", null, true)]
    public async Task GenerateVideo_AboveThreshold_AsksFirstAndOnlyAnApprovalSends(string action, bool? confirm, bool declined)
    {
        var asked = new List<ElicitRequestParams>();
        await using var server = await ServerAsync(Answer(asked, action, confirm));

        var result = await server.Client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "a cat", ["duration"] = 10 });
        var listed = await server.Client.CallToolAsync("list_tasks", new Dictionary<string, object?>());

        var question = Assert.Single(asked);
        Assert.Contains("doubao-seedance-2.0", question.Message, StringComparison.Ordinal);
        Assert.Contains("10 s at 720p", question.Message, StringComparison.Ordinal);
        Assert.Contains("$1.95", question.Message, StringComparison.Ordinal);
        Assert.Equal(declined, result.IsError == true);
        var structured = result.StructuredContent!.Value;
        var tasks = listed.StructuredContent!.Value.GetProperty("tasks").GetArrayLength();
        if (declined)
        {
            Assert.Equal("declined", structured.GetProperty("kind").GetString());
            Assert.Contains("The user declined", Text(result), StringComparison.Ordinal);
            Assert.Equal(0, tasks);
        }
        else
        {
            Assert.Equal(1.95m, structured.GetProperty("estimated_cost_usd").GetDecimal());
            Assert.Equal(1, tasks);
        }
    }

    [Fact]
    public async Task GenerateVideo_BelowThreshold_IsNotAsked()
    {
        var asked = new List<ElicitRequestParams>();
        await using var server = await ServerAsync(Answer(asked, "decline", null));

        var result = await server.Client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "a cat", ["duration"] = 4, ["resolution"] = "480p" });

        Assert.NotEqual(true, result.IsError);
        Assert.Empty(asked);
        Assert.Equal(0.36m, result.StructuredContent!.Value.GetProperty("estimated_cost_usd").GetDecimal());
    }

    [Fact]
    public async Task GenerateVideo_ClientWithoutElicitation_ProceedsWithThePriceInTheAnswer()
    {
        await using var server = await ServerAsync(handler: null);

        var result = await server.Client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "a cat", ["duration"] = 10 });

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("queued", result.StructuredContent!.Value.GetProperty("status").GetString());
        Assert.Contains("Estimated cost: $1.95", Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DailyBudgetAndThresholdFromTheEnvironment_RefuseBeforeAskingAndShowInTheBalance()
    {
        var asked = new List<ElicitRequestParams>();
        await using var server = await ServerAsync(Answer(asked, "accept", true), new Dictionary<string, string?>
        {
            ["SEEDANCE_DAILY_BUDGET_USD"] = "3",
            ["SEEDANCE_CONFIRM_ABOVE_USD"] = "off",
        });

        var first = await server.Client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "a cat", ["duration"] = 10 });
        var dryRun = await server.Client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "a dog", ["duration"] = 10, ["dry_run"] = true });
        var second = await server.Client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "a dog", ["duration"] = 10 });
        var balance = await server.Client.CallToolAsync("get_balance", new Dictionary<string, object?>());

        Assert.NotEqual(true, first.IsError);
        Assert.Empty(asked);
        Assert.NotEqual(true, dryRun.IsError);
        Assert.Contains("daily budget of $3.00", dryRun.StructuredContent!.Value.GetProperty("would_be_refused").GetString(), StringComparison.Ordinal);
        Assert.True(second.IsError);
        Assert.Equal("over_budget", second.StructuredContent!.Value.GetProperty("kind").GetString());
        var report = balance.StructuredContent!.Value;
        Assert.Equal(1.95m, report.GetProperty("spent_today_usd").GetDecimal());
        Assert.Equal(3m, report.GetProperty("daily_budget_usd").GetDecimal());
        Assert.False(report.TryGetProperty("confirm_above_usd", out _));
        Assert.True(report.GetProperty("remaining_usd").GetDecimal() > 0);
    }

    private static Func<ElicitRequestParams?, CancellationToken, ValueTask<ElicitResult>> Answer(List<ElicitRequestParams> asked, string action, bool? confirm) =>
        (request, _) =>
        {
            lock (asked)
            {
                asked.Add(request!);
            }

            var result = new ElicitResult { Action = action };
            if (confirm is { } yes)
            {
                result.Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(yes) };
            }

            return ValueTask.FromResult(result);
        };

    private static string Text(CallToolResult result) => string.Join(" ", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    private static async Task<RunningServer> ServerAsync(Func<ElicitRequestParams?, CancellationToken, ValueTask<ElicitResult>>? handler,
        Dictionary<string, string?>? environment = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "seedance-mcp-confirm", Guid.NewGuid().ToString("N"));
        var variables = new Dictionary<string, string?>
        {
            ["SEEDANCE_JOURNAL"] = Path.Combine(root, "journal.db"),
            ["SEEDANCE_OUTPUT_DIR"] = Path.Combine(root, "videos"),
            ["SEEDANCE_API_KEY"] = "",
            ["APIMART_API_KEY"] = "",
            ["SEEDANCE_CONFIRM_ABOVE_USD"] = "",
            ["SEEDANCE_DAILY_BUDGET_USD"] = "",
        };
        foreach (var (name, value) in environment ?? [])
        {
            variables[name] = value;
        }

        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "seedance",
            Command = "dotnet",
            Arguments = [Path.Combine(AppContext.BaseDirectory, "seedance-mcp.dll"), "--sandbox"],
            EnvironmentVariables = variables,
        });
        var options = new McpClientOptions();
        if (handler is not null)
        {
            options.Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability { Form = new FormElicitationCapability() } };
            options.Handlers = new McpClientHandlers { ElicitationHandler = handler };
        }

        return new RunningServer(await McpClient.CreateAsync(transport, options), root);
    }

    private sealed class RunningServer(McpClient client, string root) : IAsyncDisposable
    {
        public McpClient Client { get; } = client;

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
