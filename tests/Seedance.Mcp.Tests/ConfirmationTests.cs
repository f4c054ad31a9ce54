using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Seedance.Mcp.Tests;

/// <summary>
/// Spend control through the built server as a child process over stdio, with an SDK client that declares elicitation
/// (form mode) and answers the server's confirmation as a user would: accept, accept-but-no, decline, cancel.
/// </summary>
/// <remarks>
/// The answers that need the same server settings share one server process (<see cref="AskedServer"/>), so each test counts
/// the tasks its own call added; a test that needs other settings or a client without elicitation starts its own.
/// </remarks>
public sealed class ConfirmationTests(ConfirmationTests.AskedServer shared) : IClassFixture<ConfirmationTests.AskedServer>
{
    [Theory]
    [InlineData("accept", true, false)]
    [InlineData("accept", "true", false)]
    [InlineData("accept", false, true)]
    [InlineData("accept", "false", true)]
    [InlineData("accept", "no", true)]
    [InlineData("decline", null, true)]
    [InlineData("cancel", null, true)]
    public async Task GenerateVideo_AboveThreshold_AsksFirstAndOnlyAnApprovalSends(string action, object? confirm, bool declined)
    {
        var asked = new List<ElicitRequestParams>();
        var server = shared.AnswerWith(Answer(asked, action, confirm));
        var before = await TaskCountAsync(server);

        var result = await server.Client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "a cat", ["duration"] = 10 });
        var tasks = await TaskCountAsync(server) - before;

        var question = Assert.Single(asked);
        Assert.Contains("doubao-seedance-2.0", question.Message, StringComparison.Ordinal);
        Assert.Contains("10 s at 720p", question.Message, StringComparison.Ordinal);
        Assert.Contains("$1.95", question.Message, StringComparison.Ordinal);
        Assert.Equal(declined, result.IsError == true);
        var structured = result.StructuredContent!.Value;
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
        var server = shared.AnswerWith(Answer(asked, "decline", null));

        var result = await server.Client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "a cat", ["duration"] = 4, ["resolution"] = "480p" });

        Assert.NotEqual(true, result.IsError);
        Assert.Empty(asked);
        Assert.Equal(0.36m, result.StructuredContent!.Value.GetProperty("estimated_cost_usd").GetDecimal());
    }

    [Fact]
    public async Task GenerateVideo_ClientWithoutElicitation_ConfirmationRequiredUntilRepeatedWithTheQuote()
    {
        await using var server = await ServerAsync(handler: null);
        var arguments = new Dictionary<string, object?> { ["prompt"] = "a cat", ["duration"] = 10 };

        var refused = await server.Client.CallToolAsync("generate_video", arguments);
        var before = await server.Client.CallToolAsync("list_tasks", new Dictionary<string, object?>());
        var quote = refused.StructuredContent!.Value.GetProperty("quote");
        var confirmed = await server.Client.CallToolAsync("generate_video",
            new Dictionary<string, object?>(arguments) { ["confirm_quote"] = quote.GetProperty("quote_id").GetString() });
        var after = await server.Client.CallToolAsync("list_tasks", new Dictionary<string, object?>());

        Assert.True(refused.IsError);
        Assert.Equal("confirmation_required", refused.StructuredContent!.Value.GetProperty("kind").GetString());
        Assert.Equal(1.95m, quote.GetProperty("estimated_cost_usd").GetDecimal());
        Assert.Contains("confirm_quote", Text(refused), StringComparison.Ordinal);
        Assert.Equal(0, before.StructuredContent!.Value.GetProperty("tasks").GetArrayLength());
        Assert.NotEqual(true, confirmed.IsError);
        Assert.Equal("queued", confirmed.StructuredContent!.Value.GetProperty("status").GetString());
        Assert.Equal(1, after.StructuredContent!.Value.GetProperty("tasks").GetArrayLength());
    }

    [Fact]
    public async Task GenerateVideo_OverHttpAClientThatCannotBeAsked_ConfirmationRequiredAndNothingSentUntilTheQuoteComesBack()
    {
        await using var f = await McpServerFixture.StartAsync(settings: new() { ["SEEDANCE_CONFIRM_ABOVE_USD"] = "0.50" });
        var arguments = new Dictionary<string, object?> { ["prompt"] = "a cat", ["duration"] = 10 };

        var refused = await f.Client.CallToolAsync("generate_video", arguments);
        var before = await f.Client.CallToolAsync("list_tasks", new Dictionary<string, object?>());
        var quoteId = refused.StructuredContent!.Value.GetProperty("quote").GetProperty("quote_id").GetString();
        var confirmed = await f.Client.CallToolAsync("generate_video", new Dictionary<string, object?>(arguments) { ["confirm_quote"] = quoteId });

        Assert.Equal("confirmation_required", refused.StructuredContent!.Value.GetProperty("kind").GetString());
        Assert.Equal(0, before.StructuredContent!.Value.GetProperty("tasks").GetArrayLength());
        Assert.NotEqual(true, confirmed.IsError);
        Assert.StartsWith("task_", confirmed.StructuredContent!.Value.GetProperty("task_id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task GenerateVideo_YesAfter40SecondsWithWait30_AnswersWithin55SecondsWithTheOneTask()
    {
        await using var server = await ServerAsync(async (_, token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(40), token);
            return Yes();
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await server.Client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "a cat", ["duration"] = 10, ["wait"] = 30 },
            cancellationToken: new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token);
        var took = clock.Elapsed;
        var listed = await server.Client.CallToolAsync("list_tasks", new Dictionary<string, object?>());

        Assert.NotEqual(true, result.IsError);
        Assert.True(took < TimeSpan.FromSeconds(55), $"answered after {took}");
        var tasks = listed.StructuredContent!.Value.GetProperty("tasks");
        Assert.Equal(1, tasks.GetArrayLength());
        Assert.Equal(tasks[0].GetProperty("task_id").GetString(), result.StructuredContent!.Value.GetProperty("task_id").GetString());
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task GenerateVideo_YesAfterTheCallHadToEnd_SendsNothing()
    {
        var answered = new TaskCompletionSource();
        await using var server = await ServerAsync(async (_, _) =>
        {
            // A person who says yes at 50 s, whatever the server does meanwhile.
            await Task.Delay(TimeSpan.FromSeconds(50), CancellationToken.None);
            answered.TrySetResult();
            return Yes();
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await server.Client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "a cat", ["duration"] = 10, ["wait"] = 30 },
            cancellationToken: new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token);
        var took = clock.Elapsed;
        await answered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var listed = await server.Client.CallToolAsync("list_tasks", new Dictionary<string, object?>());

        Assert.True(result.IsError, Text(result));
        Assert.Equal("confirmation_open", result.StructuredContent!.Value.GetProperty("kind").GetString());
        Assert.Contains("nothing was sent", Text(result), StringComparison.Ordinal);
        Assert.DoesNotContain("may have been created", Text(result), StringComparison.Ordinal);
        Assert.True(took < TimeSpan.FromSeconds(55), $"answered after {took}");
        Assert.Equal(0, listed.StructuredContent!.Value.GetProperty("tasks").GetArrayLength());
    }

    private static ElicitResult Yes() => new()
    {
        Action = "accept",
        Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(true) },
    };

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

    private static Func<ElicitRequestParams?, CancellationToken, ValueTask<ElicitResult>> Answer(List<ElicitRequestParams> asked, string action, object? confirm) =>
        (request, _) =>
        {
            lock (asked)
            {
                asked.Add(request!);
            }

            var result = new ElicitResult { Action = action };
            result.Content = confirm switch
            {
                bool yes => new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(yes) },
                string text => new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(text) },
                _ => result.Content,
            };

            return ValueTask.FromResult(result);
        };

    private static async Task<int> TaskCountAsync(RunningServer server) =>
        (await server.Client.CallToolAsync("list_tasks", new Dictionary<string, object?>()))
            .StructuredContent!.Value.GetProperty("tasks").GetArrayLength();

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
            ["SEEDANCE_CONFIRM_ABOVE_USD"] = "0.50",
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

    /// <summary>One server for the class whose client answers the price question with whatever the running test set.</summary>
    public sealed class AskedServer : IAsyncLifetime
    {
        private Func<ElicitRequestParams?, CancellationToken, ValueTask<ElicitResult>> _answer = (_, _) => throw new InvalidOperationException("no answer set");
        private RunningServer? _server;

        internal RunningServer AnswerWith(Func<ElicitRequestParams?, CancellationToken, ValueTask<ElicitResult>> answer)
        {
            _answer = answer;
            return _server!;
        }

        public async Task InitializeAsync() =>
            _server = await ServerAsync((request, token) => _answer(request, token), new() { ["SEEDANCE_DAILY_BUDGET_USD"] = "off" });

        public async Task DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }

    internal sealed class RunningServer(McpClient client, string root) : IAsyncDisposable
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
