using System.Diagnostics;
using Seedance.Agents.Downloads;
using Seedance.Client;
using Seedance.Client.Polling;
using Seedance.Client.Requests;
using Seedance.Sandbox;

namespace Seedance.Bench;

/// <summary>A large result streamed to disk by <see cref="VideoDownloader"/>, against a plain HttpClient copy, on loopback.</summary>
internal static class DownloadBenchmark
{
    public static async Task<int> RunAsync(int megabytes)
    {
        var size = megabytes * 1024L * 1024;
        await using var sandbox = await SeedanceSandbox.StartAsync(new SandboxOptions { TaskDuration = TimeSpan.FromSeconds(1), VideoSizeBytes = size });
        var client = SeedanceClient.Create(new SeedanceClientOptions { ApiKey = sandbox.ApiKey, BaseUrl = sandbox.BaseUrl });
        var submitted = await client.SubmitAsync(new VideoGenerationRequest { Prompt = "large" });
        await Task.Delay(1500);
        var task = await client.WaitForCompletionAsync(submitted.TaskId);
        var folder = Path.Combine(Path.GetTempPath(), $"seedance-download-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        using var http = new HttpClient();

        Console.WriteLine("| copy | size | time | throughput | memory growth (working set peak − start) | managed heap peak |");
        Console.WriteLine("|---|---|---|---|---|---|");
        try
        {
            for (var round = 0; round < 2; round++)
            {
                var plain = await MeasureAsync(async () =>
                {
                    using var response = await http.GetAsync(task.VideoUrl, HttpCompletionOption.ResponseHeadersRead);
                    await using var source = await response.Content.ReadAsStreamAsync();
                    await using var target = File.Create(Path.Combine(folder, $"plain-{round}.mp4"));
                    await source.CopyToAsync(target);
                });
                var ours = await MeasureAsync(() => new VideoDownloader(http, folder, size + 1).DownloadAsync(task.VideoUrl!, $"task-{round}.mp4", SavedFileKind.Video));
                if (round == 1)
                {
                    Print("plain HttpClient CopyToAsync", size, plain);
                    Print("VideoDownloader (temp file, cap, rename)", size, ours);
                    Console.WriteLine($"VideoDownloader throughput is {100 * plain.Elapsed.TotalSeconds / ours.Elapsed.TotalSeconds:F0} % of the plain copy.");
                }

                foreach (var file in Directory.GetFiles(folder))
                {
                    File.Delete(file);
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }

    private static void Print(string label, long size, (TimeSpan Elapsed, long Growth, long Heap) m) =>
        Console.WriteLine($"| {label} | {size / 1048576} MB | {m.Elapsed.TotalSeconds:F2} s | {size / 1048576.0 / m.Elapsed.TotalSeconds:F0} MB/s | "
            + $"{m.Growth / 1048576.0:F1} MB | {m.Heap / 1048576.0:F1} MB |");

    private static async Task<(TimeSpan Elapsed, long Growth, long Heap)> MeasureAsync(Func<Task> copy)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var start = process.WorkingSet64;
        long peak = start;
        long heap = 0;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                heap = Math.Max(heap, GC.GetTotalMemory(false));
                await Task.Delay(20, CancellationToken.None);
            }
        });
        var clock = Stopwatch.StartNew();
        await copy();
        var elapsed = clock.Elapsed;
        await done.CancelAsync();
        await sampler;
        return (elapsed, peak - start, heap);
    }
}
