using Microsoft.Extensions.Time.Testing;

namespace Seedance.Client.Tests.Infrastructure;

public static class TestClients
{
    public const string ApiKey = "sk-test-SECRET-0123456789abcdef";

    public static SeedanceClientOptions Options(Action<SeedanceClientOptions>? edit = null)
    {
        var options = new SeedanceClientOptions
        {
            ApiKey = ApiKey,
            BaseUrl = new Uri("https://api.example.test"),
            ReadRetryBaseDelay = TimeSpan.FromMilliseconds(1),
        };
        edit?.Invoke(options);
        return options;
    }

    public static SeedanceClient Create(StubHandler handler, TimeProvider? time = null, Action<SeedanceClientOptions>? edit = null) =>
        SeedanceClient.Create(Options(edit), time, handler);

    /// <summary>Moves a fake clock forward in small steps until <paramref name="task"/> finishes; returns how far it moved.</summary>
    public static Task<TimeSpan> AdvanceUntilDoneAsync(FakeTimeProvider time, Task task, TimeSpan step, TimeSpan? limit = null) =>
        Seedance.Testing.FakeClock.AdvanceUntilDoneAsync(time, task, step, limit);
}
