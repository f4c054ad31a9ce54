using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

// The MCP server at work, seen from a client: launch it over stdio (as Claude Desktop or VS Code would), list its
// tools, generate a clip, follow it with check_task (progress streams in), extend it, and list the tasks.
// With no SEEDANCE_API_KEY set, the server runs on its built-in sandbox: no key, no network, no cost.
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

await using var client = await McpClient.CreateAsync(transport);
var tools = await client.ListToolsAsync();
Console.WriteLine($"Server {client.ServerInfo?.Name} {client.ServerInfo?.Version}: tools {string.Join(", ", tools.Select(t => t.Name))}");

var first = await MakeAsync("generate_video", new()
{
    ["prompt"] = "a kitten yawns at the camera, soft morning light",
    ["duration"] = 5,
    ["size"] = "16:9",
});
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
    var started = await client.CallToolAsync(tool, arguments);
    if (started.IsError == true)
    {
        throw new InvalidOperationException(Text(started));
    }

    var report = started.StructuredContent!.Value;
    var id = report.GetProperty("task_id").GetString()!;
    Console.WriteLine($"  {id}: {report.GetProperty("status").GetString()}");
    var progress = new Progress<ProgressNotificationValue>(p => Console.WriteLine($"  {p.Progress,5:F0}%  {p.Message}"));
    while (!report.GetProperty("done").GetBoolean())
    {
        Console.WriteLine($"> check_task {{\"task_id\":\"{id}\",\"wait\":50}}");
        var checkedTask = await client.CallToolAsync("check_task", new Dictionary<string, object?> { ["task_id"] = id, ["wait"] = 50 }, progress);
        if (checkedTask.IsError == true)
        {
            throw new InvalidOperationException(Text(checkedTask));
        }

        report = checkedTask.StructuredContent!.Value;
    }

    Console.WriteLine($"  {Text(report)}");
    return report;
}

static string Text(object result) => result switch
{
    CallToolResult call => string.Join(" ", call.Content.OfType<TextContentBlock>().Take(1).Select(t => t.Text)),
    JsonElement report => $"{report.GetProperty("status").GetString()}: video {report.GetProperty("local_video_path").GetString()}, link {report.GetProperty("video_url").GetString()}",
    _ => result.ToString() ?? string.Empty,
};

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, object?>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(int))]
internal sealed partial class JsonContext : System.Text.Json.Serialization.JsonSerializerContext;
