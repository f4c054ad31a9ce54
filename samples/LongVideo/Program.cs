using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Seedance.Agents.Results;
using Seedance.Agents.Tools;
using Seedance.Client;
using Seedance.Sandbox;

// LongVideo: a three-shot storyboard rendered shot by shot (each shot starts on the previous one's last frame) and
// stitched into one film, through the same generate_long_video and check_task tools an MCP client or a chatbot calls.
// With no SEEDANCE_API_KEY set it runs against the in-process sandbox: no key, no network, no cost. The film is stitched
// with ffmpeg when it is installed; without it the shots are saved and the answer gives the command.
var useSandbox = args.Contains("--sandbox") || string.IsNullOrWhiteSpace(SeedanceEnvironment.FromEnvironment().ApiKey);
var outputDir = Path.GetFullPath(Environment.GetEnvironmentVariable("SEEDANCE_OUTPUT_DIR") ?? Path.Combine("output", "long-video"));
if (!useSandbox && !args.Contains("--paid"))
{
    Console.Error.WriteLine("SEEDANCE_API_KEY is set, so this would make three real, paid clips. Run again with --paid to go ahead, or with --sandbox to stay local.");
    return 2;
}

await using var sandbox = useSandbox
    ? await SeedanceSandbox.StartAsync(new SandboxOptions { TaskDuration = TimeSpan.FromSeconds(4), QueueTime = TimeSpan.FromMilliseconds(500) })
    : null;
var services = new ServiceCollection().AddSeedanceAgents(
    options =>
    {
        options.OutputDirectory = outputDir;
        if (sandbox is not null)
        {
            // Sandbox clips are not real: keep them out of the user's real journal.
            options.JournalPath ??= Path.Combine(outputDir, "sandbox-journal.db");
            options.WaitPollInterval = TimeSpan.FromSeconds(1);
        }
    },
    client =>
    {
        if (sandbox is not null)
        {
            client.ApiKey = sandbox.ApiKey;
            client.BaseUrl = sandbox.BaseUrl;
            client.Polling.InitialDelay = TimeSpan.FromSeconds(1);
            client.Polling.MinInterval = TimeSpan.FromMilliseconds(500);
            client.Polling.MaxInterval = TimeSpan.FromSeconds(2);
        }
    });
await using var provider = services.BuildServiceProvider();
var toolset = provider.GetRequiredService<SeedanceToolset>();
Console.WriteLine(sandbox is not null
    ? $"No SEEDANCE_API_KEY set: using the local sandbox at {sandbox.BaseUrl} (no network, no cost)."
    : "Using the real API: three paid clips.");

var storyboard = new JsonObject
{
    ["shots"] = new JsonArray(
        new JsonObject { ["prompt"] = "a lighthouse keeper climbs the spiral stairs at dusk, lantern in hand", ["duration"] = 5 },
        new JsonObject { ["prompt"] = "he lights the great lamp; its beam sweeps across a stormy sea", ["duration"] = 5 },
        new JsonObject { ["prompt"] = "far out, a small boat turns towards the light and heads for the harbour", ["duration"] = 5 }),
    ["size"] = "16:9",
    ["resolution"] = "480p",
};

var progress = new Progress<ToolProgress>(p => Console.WriteLine($"  {p.Progress,5:0.#}%  {p.Message}"));
var started = await toolset.InvokeAsync(ToolNames.GenerateLongVideo, Json(storyboard), new ToolCallContext(progress, new CommandLineConsent()));
Console.WriteLine(started.Text);
if (started.IsError)
{
    return 1;
}

var id = started.Structured.GetProperty("sequence_id").GetString()!;
ToolOutcome report = started;
while (!report.Structured.GetProperty("done").GetBoolean())
{
    report = await toolset.InvokeAsync(ToolNames.CheckTask, Json(new JsonObject { ["task_id"] = id, ["wait"] = 50 }), progress);
    if (report.IsError)
    {
        Console.Error.WriteLine(report.Text);
        return 1;
    }
}

Console.WriteLine();
Console.WriteLine(report.Text);
foreach (var shot in report.Structured.GetProperty("shots").EnumerateArray())
{
    Console.WriteLine($"Shot {shot.GetProperty("shot").GetInt32()}: {(shot.TryGetProperty("local_video_path", out var clip) ? clip.GetString() : "(not saved)")}");
}

if (report.Structured.TryGetProperty("film_path", out var film))
{
    Console.WriteLine($"Film: {film.GetString()}");
}
else if (report.Structured.TryGetProperty("stitch_command", out var command))
{
    Console.WriteLine($"No ffmpeg here; stitch the shots with: {command.GetString()}");
}

return report.Structured.GetProperty("status").GetString() is "succeeded" or "unstitched" ? 0 : 1;

static JsonElement Json(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement;
