using System.ClientModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using Seedance.Agents.Tools;
using Seedance.Client;
using Seedance.Sandbox;

// A Microsoft Agent Framework agent that makes videos over any OpenAI-compatible chat endpoint, with the seedance tools.
// The paid tools (generate_video, extend_video) are approval-required: before one runs, the agent stops and this program
// asks you, showing the price (a dry run of the same call). Video calls go to the real API when SEEDANCE_API_KEY is set,
// otherwise to the built-in sandbox (no key, no cost).
//   AGENT_API_KEY (or OPENAI_API_KEY)    key of the chat endpoint
//   AGENT_ENDPOINT (or OPENAI_BASE_URL)  e.g. https://api.openai.com/v1, or a local server's /v1 URL
//   AGENT_MODEL                          e.g. gpt-4o-mini (default)
// Usage: dotnet run --project samples/AgentFramework [-- --once "a request"]   (answers to approvals are read from stdin)
static string? Setting(params string[] names) =>
    names.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

var chatKey = Setting("AGENT_API_KEY", "OPENAI_API_KEY");
var endpoint = Setting("AGENT_ENDPOINT", "OPENAI_BASE_URL");
var modelName = Setting("AGENT_MODEL") ?? "gpt-4o-mini";
if (chatKey is null && endpoint is null)
{
    Console.Error.WriteLine("""
        The agent needs a chat model. Set, for example:
          export AGENT_API_KEY=sk-...                      # or OPENAI_API_KEY
          export AGENT_ENDPOINT=https://api.openai.com/v1  # any OpenAI-compatible endpoint (Ollama: http://127.0.0.1:11434/v1)
          export AGENT_MODEL=gpt-4o-mini                   # a model that supports tool calling
        Videos use SEEDANCE_API_KEY when set, otherwise the built-in sandbox (no key, no cost).
        """);
    return 2;
}

var once = args.SkipWhile(a => a != "--once").Skip(1).FirstOrDefault();
await using var sandbox = string.IsNullOrWhiteSpace(SeedanceEnvironment.FromEnvironment().ApiKey) ? await SeedanceSandbox.StartAsync() : null;

// The library's own composition; the one setting that matters here wraps the paid tools as approval-required.
var services = new ServiceCollection().AddSeedanceAgents(
    options => options.RequireApprovalForPaidTools = true,
    client =>
    {
        if (sandbox is not null)
        {
            client.ApiKey = sandbox.ApiKey;
            client.BaseUrl = sandbox.BaseUrl;
        }
    });
await using var provider = services.BuildServiceProvider();
var toolset = provider.GetRequiredService<SeedanceToolset>();
if (sandbox is not null)
{
    Console.WriteLine($"(videos: local sandbox at {sandbox.BaseUrl}; set SEEDANCE_API_KEY for real ones)");
}

var openAI = new OpenAIClient(new ApiKeyCredential(chatKey ?? "not-needed"),
    endpoint is null ? new OpenAIClientOptions() : new OpenAIClientOptions { Endpoint = new Uri(endpoint) });
AIAgent agent = openAI.GetChatClient(modelName).AsIChatClient().AsAIAgent(
    instructions: """
        You help people make short videos with the seedance tools. generate_video starts a paid job and returns a task_id;
        then call check_task with that task_id and wait=50 until done is true, and give the user the file path and link.
        Map requests to the tool's arguments: "vertical" is size 9:16, "square" 1:1, "with sound" is generate_audio true.
        """,
    name: "seedance",
    tools: [.. toolset.AsAITools()]);
var session = await agent.CreateSessionAsync();

Console.WriteLine($"Seedance agent on {modelName}{(endpoint is null ? string.Empty : $" at {endpoint}")}. Ask for a video; an empty line quits.");
while (true)
{
    string? line;
    if (once is not null)
    {
        line = once;
        Console.WriteLine($"> {line}");
    }
    else
    {
        Console.Write("> ");
        line = Console.ReadLine();
    }

    if (string.IsNullOrWhiteSpace(line))
    {
        return 0;
    }

    var response = await agent.RunAsync(line, session);

    // The agent stops before each paid call and asks; answer every request, then let it go on.
    while (response.Messages.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>().ToArray() is { Length: > 0 } requests)
    {
        var answers = new List<AIContent>();
        foreach (var request in requests)
        {
            var call = (FunctionCallContent)request.ToolCall;
            Console.WriteLine($"The agent wants to run {call.Name}: {await PriceAsync(toolset, call)}");
            Console.Write("Approve? [y/N] ");
            var yes = Console.ReadLine()?.Trim().StartsWith('y') == true;
            Console.WriteLine(yes ? "approved" : "declined");
            answers.Add(request.CreateResponse(yes, yes ? null : "The user declined the price."));
        }

        response = await agent.RunAsync(new ChatMessage(ChatRole.User, answers), session);
    }

    Console.WriteLine(response.Text);
    if (once is not null)
    {
        return 0;
    }
}

// The same call as a dry run: checked and priced, nothing sent.
static async Task<string> PriceAsync(SeedanceToolset toolset, FunctionCallContent call)
{
    var arguments = new AIFunctionArguments(call.Arguments ?? new Dictionary<string, object?>()) { ["dry_run"] = true };
    var preview = (JsonElement)(await toolset.Functions.Single(f => f.Name == call.Name).InvokeAsync(arguments))!;
    if (!preview.TryGetProperty("dry_run", out _))
    {
        return "the call is invalid and would be refused: " + preview.GetProperty("error").GetString();
    }

    var price = preview.TryGetProperty("estimated_cost_usd", out var usd)
        ? "estimated $" + usd.GetDecimal().ToString("0.00", CultureInfo.InvariantCulture)
        : "price unknown";
    return $"{preview.GetProperty("model").GetString()}, {preview.GetProperty("duration").GetInt32()} s at {preview.GetProperty("resolution").GetString()}, "
        + $"{price} ({preview.GetProperty("estimate_basis").GetString()})";
}
