using Microsoft.Extensions.Time.Testing;
using Seedance.Client;

namespace Seedance.Sandbox.Tests;

/// <summary>A sandbox on loopback and a client pointed at it, sharing one fake clock. One per test: no shared state.</summary>
public sealed class SandboxFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private SandboxFixture(SeedanceSandbox sandbox, SeedanceClient client, FakeTimeProvider time, HttpClient raw)
    {
        Sandbox = sandbox;
        Client = client;
        Time = time;
        Raw = raw;
    }

    public SeedanceSandbox Sandbox { get; }

    public SeedanceClient Client { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>A plain HTTP client with the sandbox's token, for raw calls.</summary>
    public HttpClient Raw { get; }

    public static async Task<SandboxFixture> StartAsync(Action<SandboxOptions>? sandbox = null, Action<SeedanceClientOptions>? client = null,
        HttpMessageHandler? clientHandler = null)
    {
        var time = new FakeTimeProvider(Start);
        // The shipped clip, not one rendered per task: these tests check the wire, and their fake clock runs ahead of ffmpeg.
        var sandboxOptions = new SandboxOptions { TimeProvider = time, TaskDuration = TimeSpan.FromSeconds(90), RenderClips = false };
        sandbox?.Invoke(sandboxOptions);
        var running = await SeedanceSandbox.StartAsync(sandboxOptions);

        var clientOptions = new SeedanceClientOptions
        {
            ApiKey = running.ApiKey,
            BaseUrl = running.BaseUrl,
            ReadRetryBaseDelay = TimeSpan.FromMilliseconds(1),
        };
        client?.Invoke(clientOptions);
        var seedance = SeedanceClient.Create(clientOptions, time, clientHandler);
        var raw = new HttpClient { BaseAddress = running.BaseUrl };
        raw.DefaultRequestHeaders.Authorization = new("Bearer", running.ApiKey);
        return new SandboxFixture(running, seedance, time, raw);
    }

    /// <summary>Moves the shared clock forward in small steps until <paramref name="task"/> ends.</summary>
    public Task<TimeSpan> AdvanceUntilDoneAsync(Task task, TimeSpan step, TimeSpan? limit = null) =>
        Seedance.Testing.FakeClock.AdvanceUntilDoneAsync(Time, task, step, limit);

    public async ValueTask DisposeAsync()
    {
        Raw.Dispose();
        await Sandbox.DisposeAsync();
    }
}
