using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using ModelContextProtocol.Client;
using Seedance.Agents.Tools;
using Seedance.Client.Models;
using Seedance.Sandbox;

namespace Seedance.SemanticKernel.Tests;

public sealed class PluginTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "seedance-sk-tests", Guid.NewGuid().ToString("N"));
    private SeedanceSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await SeedanceSandbox.StartAsync();

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private Kernel BuildKernel(IChatClient? model = null)
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SEEDANCE_API_KEY"] = _sandbox.ApiKey,
            ["SEEDANCE_BASE_URL"] = _sandbox.BaseUrl.AbsoluteUri,
            ["SEEDANCE_JOURNAL"] = Path.Combine(_root, "journal.db"),
            ["SEEDANCE_OUTPUT_DIR"] = Path.Combine(_root, "videos"),
            ["SEEDANCE_CONFIRM_ABOVE_USD"] = "off",
        }).Build());
        builder.Plugins.AddSeedance();
        if (model is not null)
        {
            builder.Services.AddSingleton(new ChatClientBuilder(model).UseKernelFunctionInvocation().Build());
        }

        return builder.Build();
    }

    private static async Task<string> ChatAsync(Kernel kernel, string request)
    {
        var chat = kernel.GetRequiredService<IChatClient>().AsChatCompletionService();
        var history = new ChatHistory();
        history.AddUserMessage(request);
        var reply = await chat.GetChatMessageContentAsync(history,
            new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() }, kernel);
        return reply.Content ?? string.Empty;
    }

    [Fact]
    public void Plugin_SameNamesArgumentsAndSchemasAsTheMcpTools()
    {
        var kernel = BuildKernel();
        var plugin = kernel.Plugins["seedance"];
        var definitions = ToolCatalog.Create(ModelCatalog.Default);

        Assert.Equal(["check_task", "extend_video", "generate_long_video", "generate_video", "get_balance", "list_models", "list_tasks", "stop_long_video"], plugin.Select(f => f.Name).Order());
        foreach (var definition in definitions)
        {
            var function = plugin[definition.Name];
            Assert.Equal(definition.Description, function.Description);
            var expected = definition.InputSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order();
            Assert.Equal(expected, function.Metadata.Parameters.Select(p => p.Name).Order());
            Assert.DoesNotContain(function.Metadata.Parameters, p => p.Name is "progress" or "cancellationToken");
        }

        var generate = plugin["generate_video"].Metadata.Parameters.ToDictionary(p => p.Name);
        Assert.Equal(["16:9", "9:16", "1:1", "4:3", "3:4", "21:9", "adaptive"],
            generate["size"].Schema!.RootElement.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("4 to 15", generate["duration"].Description, StringComparison.Ordinal);
        Assert.Contains("4 to 30 s or -1", generate["duration"].Description, StringComparison.Ordinal);
        // The widest range over the models; each model's own range is in the description and enforced before sending.
        Assert.Equal(30, generate["duration"].Schema!.RootElement.GetProperty("maximum").GetInt32());
        Assert.False(generate["prompt"].IsRequired);
        Assert.True(plugin["check_task"].Metadata.Parameters.Single(p => p.Name == "task_id").IsRequired);
    }

    [Fact]
    public async Task Chat_TenSecondVerticalClipWithSound_BecomesAValidCallAndATaskId()
    {
        var model = new ScriptedModel();
        var kernel = BuildKernel(model);

        var answer = await ChatAsync(kernel, "a 10-second vertical clip of a cat surfing, with sound");

        var call = Assert.Single(model.Calls);
        Assert.Equal("seedance_generate_video", call.Name);
        var sent = JsonDocument.Parse(Assert.Single(_sandbox.ReceivedSubmitBodies)).RootElement;
        Assert.Equal(10, sent.GetProperty("duration").GetInt32());
        Assert.Equal("9:16", sent.GetProperty("size").GetString());
        Assert.True(sent.GetProperty("generate_audio").GetBoolean());
        Assert.True(sent.GetProperty("return_last_frame").GetBoolean());
        var id = Assert.Single(_sandbox.TaskIds);
        Assert.Contains(id, answer, StringComparison.Ordinal);
        Assert.Contains(model.OfferedTools[0], t => t.Name == "seedance_check_task");
    }

    [Fact]
    public async Task Chat_InvalidCall_AnsweredWithViolationsThenCorrected()
    {
        var model = new ScriptedModel(firstCallWrong: true);
        var kernel = BuildKernel(model);

        var answer = await ChatAsync(kernel, "a 10-second vertical clip of a cat surfing, with sound");

        Assert.Equal(2, model.Calls.Count);
        using var first = JsonDocument.Parse(model.Results[0]);
        Assert.Equal("invalid_arguments", first.RootElement.GetProperty("kind").GetString());
        Assert.Equal("size", first.RootElement.GetProperty("violations")[0].GetProperty("parameter").GetString());
        Assert.Equal("vertical", first.RootElement.GetProperty("violations")[0].GetProperty("given").GetString());
        Assert.Equal(1, _sandbox.Counters.SubmitsReceived);
        Assert.Contains(Assert.Single(_sandbox.TaskIds), answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plugin_OverAnExistingClient_PriceNeedsAYesSoTheQuoteGoesBackWithTheCall()
    {
        var client = Seedance.Client.SeedanceClient.Create(new Seedance.Client.SeedanceClientOptions { ApiKey = _sandbox.ApiKey, BaseUrl = _sandbox.BaseUrl });
        var builder = Kernel.CreateBuilder();
        builder.Plugins.AddSeedance(client, configure: o =>
        {
            o.JournalPath = Path.Combine(_root, "j2.db");
            o.OutputDirectory = Path.Combine(_root, "v2");
        });
        var kernel = builder.Build();

        // A kernel has no one to ask: the call answers with a quote, which the model shows the user and sends back after their yes.
        var quoted = (await kernel.InvokeAsync("seedance", "generate_video", new KernelArguments { ["prompt"] = "a cat", ["duration"] = 6 })).GetValue<JsonElement>();
        var quoteId = quoted.GetProperty("quote").GetProperty("quote_id").GetString();
        var result = await kernel.InvokeAsync("seedance", "generate_video", new KernelArguments { ["prompt"] = "a cat", ["duration"] = 6, ["confirm_quote"] = quoteId });

        Assert.Equal("confirmation_required", quoted.GetProperty("kind").GetString());
        var report = result.GetValue<JsonElement>();
        Assert.StartsWith("task_01", report.GetProperty("task_id").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, _sandbox.Counters.TasksCreated);
    }

    [Fact]
    public async Task McpServerTools_ImportIntoAKernel()
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = "dotnet",
            Arguments = [Path.Combine(AppContext.BaseDirectory, "seedance-mcp.dll"), "--sandbox"],
            EnvironmentVariables = new Dictionary<string, string?>
            {
                ["SEEDANCE_JOURNAL"] = Path.Combine(_root, "mcp.db"),
                ["SEEDANCE_OUTPUT_DIR"] = Path.Combine(_root, "mcp-videos"),
                ["SEEDANCE_CONFIRM_ABOVE_USD"] = "off",
            },
        });
        await using var client = await McpClient.CreateAsync(transport);
        var tools = await client.ListToolsAsync();
        var kernel = new Kernel();
        kernel.Plugins.AddFromFunctions("seedance_mcp", tools.Select(t => t.AsKernelFunction()));

        var result = await kernel.InvokeAsync("seedance_mcp", "generate_video", new KernelArguments { ["prompt"] = "a cat", ["size"] = "16x9" });
        var listed = await kernel.InvokeAsync("seedance_mcp", "list_tasks", new KernelArguments { ["limit"] = 3 });

        Assert.Equal(8, kernel.Plugins["seedance_mcp"].FunctionCount);
        Assert.Contains("size", result.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"count\":0", listed.ToString(), StringComparison.Ordinal);
    }
}

public sealed class PluginRegistrationTests
{
    [Fact]
    public void AddSeedancePlugin_KernelFromTheContainerHasThePlugin()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SEEDANCE_API_KEY"] = "sk-x" }).Build());
        services.AddKernel();
        services.AddSeedancePlugin("video");
        using var provider = services.BuildServiceProvider();

        var kernel = provider.GetRequiredService<Kernel>();

        Assert.Equal(["check_task", "extend_video", "generate_long_video", "generate_video", "get_balance", "list_models", "list_tasks", "stop_long_video"], kernel.Plugins["video"].Select(f => f.Name).Order());
    }
}
