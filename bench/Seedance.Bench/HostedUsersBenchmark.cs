using System.Diagnostics;
using ModelContextProtocol.Client;

namespace Seedance.Bench;

/// <summary>
/// Many users at once against a hosted endpoint (bench/hosted-bench.sh: nginx over two multi-user instances on PostgreSQL):
/// each user brings a key of their own, connects, and makes five calls (list_tasks, a priced dry run of generate_video,
/// get_balance, resources/list, list_tasks filtered); p50/p99 of the calls and the errors.
/// </summary>
internal static class HostedUsersBenchmark
{
    public static async Task<int> RunAsync(Uri endpoint, int users)
    {
        var latencies = new List<double>();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, users).Select(async user =>
        {
            var mine = new List<double>();
            try
            {
                await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
                {
                    Endpoint = endpoint,
                    TransportMode = HttpTransportMode.StreamableHttp,
                    AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer sk-bench-user-{user}-{Guid.NewGuid():N}" },
                }), new McpClientOptions
                {
                    // As a remote connector behind round robin: stateless. Under 200 users at once the server/discover probe can
                    // outlast the client's 5 s default; the client would then fall back to a session only one instance knows.
                    ProtocolVersion = "2026-07-28",
                    DiscoverProbeTimeout = TimeSpan.FromSeconds(60),
                });
                async Task TimeAsync(Func<Task<bool>> call)
                {
                    var watch = Stopwatch.StartNew();
                    var ok = await call();
                    mine.Add(watch.Elapsed.TotalMilliseconds);
                    if (!ok)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }

                await TimeAsync(async () => (await client.CallToolAsync("list_tasks", new Dictionary<string, object?>())).IsError != true);
                await TimeAsync(async () => (await client.CallToolAsync("generate_video",
                    new Dictionary<string, object?> { ["prompt"] = $"user {user}'s harbour at dawn", ["dry_run"] = true })).IsError != true);
                await TimeAsync(async () => (await client.CallToolAsync("get_balance", new Dictionary<string, object?>())).IsError != true);
                await TimeAsync(async () => (await client.ListResourcesAsync()).Count >= 1);
                await TimeAsync(async () => (await client.CallToolAsync("list_tasks", new Dictionary<string, object?> { ["status"] = "active" })).IsError != true);
            }
            catch (Exception ex) when (ex is HttpRequestException or ModelContextProtocol.McpException or TimeoutException or IOException or OperationCanceledException)
            {
                Interlocked.Add(ref errors, 5 - mine.Count);
            }

            lock (latencies)
            {
                latencies.AddRange(mine);
            }
        }));

        latencies.Sort();
        var p50 = latencies.Count > 0 ? latencies[latencies.Count / 2] : double.NaN;
        var p99 = latencies.Count > 0 ? latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * 0.99))] : double.NaN;
        Console.WriteLine("| users | calls | p50 | p99 | errors | wall time |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Console.WriteLine($"| {users} | {latencies.Count} | {p50:F1} ms | {p99:F1} ms | {errors} | {clock.Elapsed.TotalSeconds:F1} s |");
        return errors == 0 ? 0 : 1;
    }
}
