using System.Diagnostics;
using ModelContextProtocol.Client;

namespace Seedance.Bench;

/// <summary>check_task calls per second over Streamable HTTP with 10 and 100 concurrent MCP clients, with p50/p99 latency.</summary>
internal static class HttpThroughputBenchmark
{
    public static async Task<int> RunAsync(string[] command, int seconds)
    {
        var port = 21000 + Random.Shared.Next(20000);
        var root = Path.Combine(Path.GetTempPath(), $"seedance-http-bench-{Environment.ProcessId}");
        var start = new ProcessStartInfo(command[0]) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in command.Skip(1).Concat(["--http", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--sandbox"]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("SEEDANCE_API_KEY");
        start.Environment["SEEDANCE_JOURNAL"] = Path.Combine(root, "journal.db");
        start.Environment["SEEDANCE_OUTPUT_DIR"] = Path.Combine(root, "videos");
        start.Environment["Seedance__Sandbox__TaskDuration"] = "00:00:01";
        using var server = Process.Start(start)!;
        var ready = new TaskCompletionSource();
        server.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Streamable HTTP at", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        server.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var endpoint = new Uri($"http://127.0.0.1:{port}/mcp");

        try
        {
            await using var setup = await Connect(endpoint);
            var generated = await setup.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "bench", ["wait"] = 10 });
            var id = generated.StructuredContent!.Value.GetProperty("task_id").GetString();

            Console.WriteLine($"| concurrent clients | check_task calls/s | p50 | p99 | errors |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach (var clients in new[] { 10, 100 })
            {
                var connections = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Connect(endpoint)));
                var latencies = new List<double>();
                var errors = 0;
                var clock = Stopwatch.StartNew();
                var until = TimeSpan.FromSeconds(seconds);
                await Task.WhenAll(connections.Select(async client =>
                {
                    var mine = new List<double>();
                    while (clock.Elapsed < until)
                    {
                        var call = Stopwatch.StartNew();
                        var result = await client.CallToolAsync("check_task", new Dictionary<string, object?> { ["task_id"] = id });
                        mine.Add(call.Elapsed.TotalMilliseconds);
                        if (result.IsError == true)
                        {
                            Interlocked.Increment(ref errors);
                        }
                    }

                    lock (latencies)
                    {
                        latencies.AddRange(mine);
                    }
                }));
                var elapsed = clock.Elapsed.TotalSeconds;
                foreach (var client in connections)
                {
                    await client.DisposeAsync();
                }

                latencies.Sort();
                Console.WriteLine($"| {clients} | {latencies.Count / elapsed:F0} | {latencies[latencies.Count / 2]:F1} ms | {latencies[(int)(latencies.Count * 0.99)]:F1} ms | {errors} |");
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return 0;
    }

    private static Task<McpClient> Connect(Uri endpoint) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = endpoint, TransportMode = HttpTransportMode.StreamableHttp }));
}
