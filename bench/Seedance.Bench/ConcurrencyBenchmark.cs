using System.Diagnostics;
using Seedance.Client;
using Seedance.Client.Polling;
using Seedance.Client.Requests;
using Seedance.Client.Tasks;
using Seedance.Sandbox;

namespace Seedance.Bench;

/// <summary>N tasks awaited at once in one process (real clock): memory and CPU over the wait, and that all complete.</summary>
internal static class ConcurrencyBenchmark
{
    public static async Task<int> RunAsync(int count)
    {
        await using var sandbox = await SeedanceSandbox.StartAsync(new SandboxOptions { TaskDuration = TimeSpan.FromSeconds(30), StartingBalance = 1_000_000m });
        var client = SeedanceClient.Create(new SeedanceClientOptions { ApiKey = sandbox.ApiKey, BaseUrl = sandbox.BaseUrl });
        var process = Process.GetCurrentProcess();

        var ids = new List<SubmittedTask>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add(await client.SubmitAsync(new VideoGenerationRequest { Prompt = $"clip {i}" }));
        }

        GC.Collect();
        process.Refresh();
        var baseline = process.WorkingSet64;
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var samples = new List<(double Seconds, long WorkingSet, long Heap)>();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                lock (samples)
                {
                    samples.Add((clock.Elapsed.TotalSeconds, process.WorkingSet64, GC.GetTotalMemory(false)));
                }

                await Task.Delay(1000, CancellationToken.None);
            }
        });

        var results = await Task.WhenAll(ids.Select(s => client.WaitForCompletionAsync(s.TaskId, new WaitOptions { SubmittedAt = s.SubmittedAt })));
        var elapsed = clock.Elapsed;
        await sampling.CancelAsync();
        await sampler;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;

        Console.WriteLine($"| tasks awaited at once | all succeeded | wall time | status calls per task | CPU time | working set (start → peak → end) | managed heap (start → peak) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {count} | {results.Count(r => r.State == SeedanceTaskState.Succeeded)} of {count} | {elapsed.TotalSeconds:F0} s (tasks take 30 s) | "
            + $"{sandbox.Counters.StatusCalls / (double)count:F1} | {cpu.TotalSeconds:F1} s | {baseline / 1048576.0:F0} → {samples.Max(s => s.WorkingSet) / 1048576.0:F0} → {process.WorkingSet64 / 1048576.0:F0} MB | "
            + $"{heapBefore / 1048576.0:F0} → {samples.Max(s => s.Heap) / 1048576.0:F0} MB |");
        Console.WriteLine("(the sandbox runs in the same process, so its share of CPU and memory is included)");
        return results.All(r => r.State == SeedanceTaskState.Succeeded) ? 0 : 1;
    }
}
