using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

// The MCP server at work, seen from a client: launch it over stdio (as Claude Desktop or VS Code would), list its
// tools, read the balance, price a clip with a dry run, generate it (the server asks this client to confirm the price,
// as it asks any client that declares elicitation), follow it with check_task (progress streams in), extend it, and
// list the tasks. With no SEEDANCE_API_KEY set, the server runs on its built-in sandbox: no key, no network, no cost.
var key = Environment.GetEnvironmentVariable("SEEDANCE_API_KEY") ?? Environment.GetEnvironmentVariable("APIMART_API_KEY");
var sandbox = args.Contains("--sandbox") || string.IsNullOrWhiteSpace(key);
if (!sandbox && !args.Contains("--paid"))
{
    Console.Error.WriteLine("SEEDANCE_API_KEY is set, so this would make two real, paid videos.");
    Console.Error.WriteLine("Run again with --paid to go ahead, or with --sandbox to stay local.");
    return 2;
}

var output = Path.GetFullPath(Environment.GetEnvironmentVariable("SEEDANCE_OUTPUT_DIR") ?? Path.Combine("output", "videos"));
var server = Path.Combine(AppContext.BaseDirectory, "seedance-mcp.dll");
var serverArgs = sandbox ? new[] { server, "--sandbox" } : [server];
Console.WriteLine(sandbox
    ? "No SEEDANCE_API_KEY set: the server runs on its built-in sandbox (no key, no network, no cost)."
    : "Using the real API: each video is paid.");
Console.WriteLine($"Launching: dotnet {string.Join(' ', serverArgs.Select(Path.GetFileName))}");

var transport = new StdioClientTransport(new StdioClientTransportOptions
{
    Name = "seedance",
    Command = "dotnet",
    Arguments = serverArgs,
    EnvironmentVariables = new Dictionary<string, string?>
    {
        ["SEEDANCE_OUTPUT_DIR"] = output,
        ["SEEDANCE_JOURNAL"] = Environment.GetEnvironmentVariable("SEEDANCE_JOURNAL") ?? Path.GetFullPath(Path.Combine("output", "journal.db")),
    },
    StandardErrorLines = line => Console.WriteLine($"  [server] {line}"),
});

// Declaring form elicitation lets the server ask before a paid call (SEEDANCE_CONFIRM_ABOVE_USD, 0.50 by default).
// On the sandbox nothing is paid and the question is answered yes here; with --paid it is asked on the console.
var options = new McpClientOptions
{
    Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability { Form = new FormElicitationCapability() } },
    Handlers = new McpClientHandlers { ElicitationHandler = ConfirmAsync },
};
await using var client = await McpClient.CreateAsync(transport, options);
var tools = await client.ListToolsAsync();
Console.WriteLine($"Server {client.ServerInfo?.Name} {client.ServerInfo?.Version}: tools {string.Join(", ", tools.Select(t => t.Name))}");
var view = tools.Single(t => t.Name == "generate_video").ProtocolTool.Meta?["ui"]?["resourceUri"]?.GetValue<string>();
Console.WriteLine($"Hosts that show MCP Apps (VS Code, Claude, Goose...) play each clip in the chat with the view {view}.");

var balance = await client.CallToolAsync("get_balance", new Dictionary<string, object?>());
Console.WriteLine($"> get_balance\n  {Text(balance)}");

var clip = new Dictionary<string, object?>
{
    ["prompt"] = "a kitten yawns at the camera, soft morning light",
    ["duration"] = 5,
    ["size"] = "16:9",
};
var priced = await client.CallToolAsync("generate_video", new Dictionary<string, object?>(clip) { ["dry_run"] = true });
var quote = Report(priced);
Console.WriteLine($"> generate_video (dry_run) {JsonSerializer.Serialize(clip, JsonContext.Default.DictionaryStringObject)}");
Console.WriteLine($"  nothing sent; {Money(quote, "estimated_cost_usd")} ({quote.GetProperty("estimate_basis").GetString()})");
Console.WriteLine($"  the body it would send: {quote.GetProperty("request_body").GetRawText()}");
Console.WriteLine();

var first = await MakeAsync("generate_video", clip);
Console.WriteLine();
var second = await MakeAsync("extend_video", new()
{
    ["task_id"] = first.GetProperty("task_id").GetString(),
    ["prompt"] = "the kitten stands up and walks towards the camera",
});

var list = await client.CallToolAsync("list_tasks", new Dictionary<string, object?> { ["limit"] = 5 });
Console.WriteLine();
Console.WriteLine(Text(list));
Console.WriteLine();
Console.WriteLine($"Done. First clip: {first.GetProperty("local_video_path").GetString()}");
Console.WriteLine($"      Extension: {second.GetProperty("local_video_path").GetString()}");
return 0;

async Task<JsonElement> MakeAsync(string tool, Dictionary<string, object?> arguments)
{
    Console.WriteLine($"> {tool} {JsonSerializer.Serialize(arguments, JsonContext.Default.DictionaryStringObject)}");
    var report = Report(await client.CallToolAsync(tool, arguments));
    var id = report.GetProperty("task_id").GetString()!;
    Console.WriteLine($"  {id}: {report.GetProperty("status").GetString()}, {Money(report, "estimated_cost_usd")}");
    var progress = new Progress<ProgressNotificationValue>(p => Console.WriteLine($"  {p.Progress,5:F0}%  {p.Message}"));
    while (!report.GetProperty("done").GetBoolean())
    {
        Console.WriteLine($"> check_task {{\"task_id\":\"{id}\",\"wait\":50}}");
        report = Report(await client.CallToolAsync("check_task", new Dictionary<string, object?> { ["task_id"] = id, ["wait"] = 50 }, progress));
    }

    Console.WriteLine($"  {Text(report)}");
    return report;
}

async ValueTask<ElicitResult> ConfirmAsync(ElicitRequestParams? question, CancellationToken cancellationToken)
{
    Console.WriteLine($"  [server asks] {question?.Message}");
    bool yes;
    if (sandbox)
    {
        Console.WriteLine("  [you] yes (answered for you: the sandbox charges nothing)");
        yes = true;
    }
    else
    {
        Console.Write("  [you] start it? [y/N] ");
        yes = (await Console.In.ReadLineAsync(cancellationToken))?.Trim().StartsWith('y') == true;
    }

    return new ElicitResult
    {
        Action = "accept",
        Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(yes, JsonContext.Default.Boolean) },
    };
}

static JsonElement Report(CallToolResult result) =>
    result.IsError == true ? throw new InvalidOperationException(Text(result)) : result.StructuredContent!.Value;

static string Money(JsonElement report, string name) =>
    report.TryGetProperty(name, out var usd) && usd.ValueKind == JsonValueKind.Number
        ? (name == "cost_usd" ? "charged" : "estimated") + " $" + usd.GetDecimal().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)
        : "no estimate";

static string Text(object result) => result switch
{
    CallToolResult call => string.Join(" ", call.Content.OfType<TextContentBlock>().Take(1).Select(t => t.Text)),
    JsonElement report => $"{report.GetProperty("status").GetString()} ({Money(report, "cost_usd")}, {Money(report, "estimated_cost_usd")}): "
        + $"video {report.GetProperty("local_video_path").GetString()}, link {report.GetProperty("video_url").GetString()}",
    _ => result.ToString() ?? string.Empty,
};

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, object?>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(int))]
[System.Text.Json.Serialization.JsonSerializable(typeof(bool))]
internal sealed partial class JsonContext : System.Text.Json.Serialization.JsonSerializerContext;
