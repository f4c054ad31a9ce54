using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Seedance.Client;
using Seedance.Sandbox;

// A Semantic Kernel chatbot that makes videos: ask for "a 10-second vertical clip of a cat surfing, with sound" and the
// model calls the seedance plugin's tools. Any OpenAI-compatible chat endpoint works. Video calls go to the real API
// when SEEDANCE_API_KEY is set, otherwise to the built-in sandbox (no key, no cost).
//   CHATBOT_API_KEY (or OPENAI_API_KEY)   key of the chat endpoint
//   CHATBOT_ENDPOINT (or OPENAI_BASE_URL) e.g. https://api.openai.com/v1, or a local server's /v1 URL
//   CHATBOT_MODEL                         e.g. gpt-4o-mini (default)
// Usage: dotnet run --project samples/Chatbot [-- --once "a request"]
static string? Setting(params string[] names) =>
    names.Select(Environment.GetEnvironmentVariable).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

var chatKey = Setting("CHATBOT_API_KEY", "OPENAI_API_KEY");
var endpoint = Setting("CHATBOT_ENDPOINT", "OPENAI_BASE_URL");
var model = Setting("CHATBOT_MODEL") ?? "gpt-4o-mini";
if (chatKey is null && endpoint is null)
{
    Console.Error.WriteLine("""
        The chatbot needs a chat model. Set, for example:
          export CHATBOT_API_KEY=sk-...                      # or OPENAI_API_KEY
          export CHATBOT_ENDPOINT=https://api.openai.com/v1  # any OpenAI-compatible endpoint (Ollama: http://127.0.0.1:11434/v1)
          export CHATBOT_MODEL=gpt-4o-mini                   # a model that supports tool calling
        Videos use SEEDANCE_API_KEY when set, otherwise the built-in sandbox (no key, no cost).
        """);
    return 2;
}

var once = args.SkipWhile(a => a != "--once").Skip(1).FirstOrDefault();
await using var sandbox = string.IsNullOrWhiteSpace(SeedanceEnvironment.FromEnvironment().ApiKey) ? await SeedanceSandbox.StartAsync() : null;

var builder = Kernel.CreateBuilder();
if (endpoint is null)
{
    builder.AddOpenAIChatCompletion(model, chatKey!);
}
else
{
    builder.AddOpenAIChatCompletion(model, new Uri(endpoint), chatKey ?? "not-needed");
}

if (sandbox is not null)
{
    // Sandbox clips cost nothing, so there is no price to confirm.
    builder.Plugins.AddSeedance(configure: o => o.ConfirmAboveUsd = null, configureClient: o =>
    {
        o.ApiKey = sandbox.ApiKey;
        o.BaseUrl = sandbox.BaseUrl;
    });
    Console.WriteLine($"(videos: local sandbox at {sandbox.BaseUrl}; set SEEDANCE_API_KEY for real ones)");
}
else
{
    builder.Plugins.AddSeedance();
}

var kernel = builder.Build();
var chat = kernel.GetRequiredService<IChatCompletionService>();
var settings = new OpenAIPromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
var history = new ChatHistory("""
    You help people make short videos with the seedance tools. generate_video starts a paid job and returns a task_id;
    then call check_task with that task_id and wait=50 until done is true, and give the user the file path and link.
    Map requests to the tool's arguments: "vertical" is size 9:16, "square" 1:1, "with sound" is generate_audio true.
    If a tool answers confirmation_required, show the user the quoted price and ask; only after they say yes, call it again
    with the same arguments plus confirm_quote.
    """);

Console.WriteLine($"Seedance chatbot on {model}{(endpoint is null ? string.Empty : $" at {endpoint}")}. Ask for a video; an empty line quits.");
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

    history.AddUserMessage(line);
    var reply = await chat.GetChatMessageContentAsync(history, settings, kernel);
    history.Add(reply);
    Console.WriteLine(reply.Content);
    if (once is not null)
    {
        return 0;
    }
}
