using Microsoft.Extensions.Time.Testing;
using Seedance.Client;
using Seedance.Client.Polling;
using Seedance.Client.Requests;
using Seedance.Sandbox;

namespace Seedance.Bench;

/// <summary>Status calls per task and the lag between completion and its detection, over simulated task lengths (fake clock).</summary>
internal static class PollingBenchmark
{
    public static async Task<int> RunAsync()
    {
        var durations = new[] { 20, 30, 60, 90, 120, 180, 300, 600 };
        var factors = new[] { 1.0, 4.0 };
        Console.WriteLine("| task length | provider's estimate | status calls | detected after completion | lag (% of length) |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var factor in factors)
        {
            foreach (var seconds in durations)
            {
                var start = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
                var time = new FakeTimeProvider(start);
                await using var sandbox = await SeedanceSandbox.StartAsync(new SandboxOptions
                {
                    TimeProvider = time,
                    TaskDuration = TimeSpan.FromSeconds(seconds),
                    EstimateFactor = factor,
                });
                var client = SeedanceClient.Create(new SeedanceClientOptions { ApiKey = sandbox.ApiKey, BaseUrl = sandbox.BaseUrl }, time);
                var submitted = await client.SubmitAsync(new VideoGenerationRequest { Prompt = "benchmark" });
                var wait = client.WaitForCompletionAsync(submitted.TaskId, new WaitOptions { SubmittedAt = submitted.SubmittedAt });
                while (!wait.IsCompleted)
                {
                    await Task.Delay(1);
                    if (!wait.IsCompleted)
                    {
                        time.Advance(TimeSpan.FromMilliseconds(250));
                    }
                }

                await wait;
                var lag = time.GetUtcNow() - (start + TimeSpan.FromSeconds(seconds));
                Console.WriteLine($"| {seconds} s | {seconds * factor:F0} s | {sandbox.Counters.StatusCalls} | {lag.TotalSeconds:F1} s | {100 * lag.TotalSeconds / seconds:F1} % |");
            }
        }

        return 0;
    }
}
