using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Seedance.Bench;

// Figures, not tests: each mode prints a Markdown table. See bench/README.md.
//   startup "label=command args" ... [--peer="label=command args"]
//                                         MCP start-up, memory, tools/list size, check_task cost over stdio (bench/mcp-bench.sh runs it)
//   polling                               status calls and detection lag over simulated task lengths (fake clock)
//   concurrency [N]                       N tasks awaited at once in one process
//   download [MB]                         a large result streamed to disk vs a plain HttpClient copy
//   http "command args" [seconds]          MCP check_task throughput over Streamable HTTP at 10 and 100 clients
//   hosted URL [users]                    users (own key each) x 5 calls against a hosted endpoint (bench/hosted-bench.sh)
var mode = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
switch (mode)
{
    case "polling":
        return await PollingBenchmark.RunAsync();
    case "concurrency":
        return await ConcurrencyBenchmark.RunAsync(rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 1000);
    case "download":
        return await DownloadBenchmark.RunAsync(rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 500);
    case "http":
        return await HttpThroughputBenchmark.RunAsync(rest[0].Split(' ', StringSplitOptions.RemoveEmptyEntries),
            rest.Length > 1 ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 10);
    case "hosted":
        return await HostedUsersBenchmark.RunAsync(new Uri(rest[0]), rest.Length > 1 ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 200);
    case "startup":
        break;
    default:
        Console.Error.WriteLine("usage: Seedance.Bench startup|polling|concurrency|download|http|hosted ...");
        return 2;
}

args = rest;
// startup: each server is started over stdio with --sandbox: time from process start to the first tools/list answer
// (median of N runs after a warm-up), resident memory right after that answer, the size of that answer and of what a
// model reads in it (each tool's name, title, description and input schema), then the cost of check_task calls.
// A --peer is another project's server (a Node video MCP server from npm): started as given, no sandbox, no check_task.
var runs = 7;
var calls = 200;
var servers = new List<(string Label, string[] Command, bool Peer)>();
foreach (var arg in args)
{
    if (arg.StartsWith("--runs=", StringComparison.Ordinal))
    {
        runs = int.Parse(arg[7..], CultureInfo.InvariantCulture);
    }
    else if (arg.StartsWith("--calls=", StringComparison.Ordinal))
    {
        calls = int.Parse(arg[8..], CultureInfo.InvariantCulture);
    }
    else
    {
        var peer = arg.StartsWith("--peer=", StringComparison.Ordinal);
        var spec = peer ? arg[7..] : arg;
        var split = spec.IndexOf('=', StringComparison.Ordinal);
        servers.Add((spec[..split], spec[(split + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries), peer));
    }
}

if (servers.Count == 0)
{
    Console.Error.WriteLine("usage: Seedance.Bench [--runs=N] [--calls=N] \"label=command args\" ...");
    return 2;
}

var root = Path.Combine(Path.GetTempPath(), $"seedance-bench-{Environment.ProcessId}");
Console.WriteLine($"| server | first tools/list (median of {runs}) | min | max | RSS after tools/list | tools/list | what the model reads | check_task p50 | p99 | calls/s |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
var figures = new List<(string Label, bool Peer, double Start, long Rss)>();
foreach (var (label, command, peer) in servers)
{
    // Each server its own journal and output folder: builds of different journal schemas do not share one.
    var serverRoot = Path.Combine(root, figures.Count.ToString(CultureInfo.InvariantCulture));
    var startTimes = new List<double>();
    long rss = 0;
    var (listBytes, modelBytes) = (0, 0);
    for (var i = 0; i <= runs; i++)
    {
        await using var server = Server.Start(command, serverRoot, sandbox: !peer);
        var clock = Stopwatch.StartNew();
        await server.InitializeAsync();
        var list = await server.RequestAsync("tools/list", new JsonObject());
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (i > 0)
        {
            startTimes.Add(elapsed);
            rss = Math.Max(rss, server.ResidentKilobytes());
        }
        else
        {
            (listBytes, modelBytes) = ToolListSizes(list);
        }
    }

    startTimes.Sort();
    figures.Add((label, peer, startTimes[startTimes.Count / 2], rss));
    var started = $"| {label} | {startTimes[startTimes.Count / 2]:F0} ms | {startTimes[0]:F0} ms | {startTimes[^1]:F0} ms | {rss / 1024.0:F1} MB | "
        + $"{listBytes / 1024.0:F1} KB | {modelBytes / 1024.0:F1} KB |";
    if (peer)
    {
        Console.WriteLine(started + " — | — | — |");
        continue;
    }

    var latencies = new List<double>();
    await using (var server = Server.Start(command, serverRoot))
    {
        await server.InitializeAsync();
        var generated = await server.RequestAsync("tools/call", new JsonObject
        {
            ["name"] = "generate_video",
            ["arguments"] = new JsonObject { ["prompt"] = "benchmark", ["wait"] = 30 },
        });
        // Older builds (a previous release) answered with the report as text only.
        var id = generated["result"]?["structuredContent"]?["task_id"]?.GetValue<string>()
            ?? System.Text.RegularExpressions.Regex.Match(generated.ToJsonString(), "task_[A-Za-z0-9]+").Value;
        for (var i = 0; i < calls + 10; i++)
        {
            var clock = Stopwatch.StartNew();
            var answer = await server.RequestAsync("tools/call", new JsonObject
            {
                ["name"] = "check_task",
                ["arguments"] = new JsonObject { ["task_id"] = id },
            });
            if (answer["result"]?["isError"]?.GetValue<bool>() == true)
            {
                throw new InvalidOperationException(answer.ToJsonString());
            }

            if (i >= 10)
            {
                latencies.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
    }

    latencies.Sort();
    Console.WriteLine(started
        + $" {latencies[latencies.Count / 2]:F2} ms | {latencies[(int)(latencies.Count * 0.99)]:F2} ms | {1000 / latencies.Average():F0} |");
}

// The first server against each peer: how many times faster its first tools/list is, and its share of the peer's memory.
if (figures.FirstOrDefault(f => !f.Peer) is { Label: not null } ours)
{
    Console.WriteLine();
    foreach (var peer in figures.Where(f => f.Peer))
    {
        Console.WriteLine($"{ours.Label} vs {peer.Label}: first tools/list {peer.Start / ours.Start:F1}× faster, memory {(double)ours.Rss / peer.Rss:F2}× the peer's");
    }
}

try
{
    Directory.Delete(root, recursive: true);
}
catch (IOException)
{
}

return 0;

// The answer's size on the wire, and what a model is shown of it: each tool's name, title, description and input schema.
static (int List, int Model) ToolListSizes(JsonNode answer)
{
    var asSent = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    var model = 0;
    foreach (var tool in answer["result"]!["tools"]!.AsArray())
    {
        var shown = new JsonObject();
        foreach (var name in (string[])["name", "title", "description", "inputSchema"])
        {
            if (tool![name] is { } value)
            {
                shown[name] = value.DeepClone();
            }
        }

        model += System.Text.Encoding.UTF8.GetByteCount(shown.ToJsonString(asSent));
    }

    return (System.Text.Encoding.UTF8.GetByteCount(answer["result"]!.ToJsonString(asSent)), model);
}

/// <summary>A server process spoken to with JSON-RPC lines over stdio.</summary>
internal sealed class Server : IAsyncDisposable
{
    private readonly Process _process;
    private int _id;

    private Server(Process process) => _process = process;

    public static Server Start(string[] command, string root, bool sandbox = true)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in sandbox ? command.Skip(1).Append("--sandbox") : command.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("SEEDANCE_API_KEY");
        start.Environment["SEEDANCE_JOURNAL"] = Path.Combine(root, "journal.db");
        start.Environment["SEEDANCE_OUTPUT_DIR"] = Path.Combine(root, "videos");
        start.Environment["Seedance__Sandbox__TaskDuration"] = "00:00:01";
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new Server(process);
    }

    public async Task InitializeAsync()
    {
        await RequestAsync("initialize", new JsonObject
        {
            ["protocolVersion"] = "2025-06-18",
            ["capabilities"] = new JsonObject(),
            ["clientInfo"] = new JsonObject { ["name"] = "bench", ["version"] = "1" },
        });
        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = "notifications/initialized" });
    }

    public async Task<JsonNode> RequestAsync(string method, JsonObject parameters)
    {
        var id = ++_id;
        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        while (true)
        {
            var line = await _process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The server closed stdout.");
            var message = JsonNode.Parse(line)!;
            if (message["id"]?.GetValue<int>() == id)
            {
                return message;
            }
        }
    }

    public long ResidentKilobytes()
    {
        var status = File.ReadAllLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(status.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private async Task SendAsync(JsonObject message)
    {
        await _process.StandardInput.WriteLineAsync(message.ToJsonString());
        await _process.StandardInput.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000))
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
