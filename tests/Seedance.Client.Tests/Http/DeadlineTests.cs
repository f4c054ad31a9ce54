using System.Net;
using Microsoft.Extensions.Time.Testing;
using Seedance.Client.Errors;
using Seedance.Client.Requests;
using Seedance.Client.Tests.Infrastructure;

namespace Seedance.Client.Tests.Http;

/// <summary>A call given a deadline ends by it: attempts get the time left, and no retry, replay or wait starts that cannot finish.</summary>
public sealed class DeadlineTests
{
    private static readonly VideoGenerationRequest Request = new() { Prompt = "a cat surfing" };
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task GetTaskAsync_HangsWithNearDeadline_TimeoutAtTheDeadlineAfterOneAttempt()
    {
        var handler = new StubHandler().Hangs().Hangs().Hangs().Hangs();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = TestClients.Create(handler, time, o => o.RequestTimeout = TimeSpan.FromSeconds(60));

        var deadline = time.GetUtcNow().AddSeconds(5);
        var call = client.GetTaskAsync("task_1", deadline);
        var moved = await RunToDeadlineAsync(time, call, deadline);
        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => call);

        Assert.Equal(SeedanceErrorKind.Timeout, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(5), moved);
        Assert.Equal(1, handler.Count(HttpMethod.Get));
    }

    [Fact]
    public async Task GetTaskAsync_HangsAlways_RetriesOnlyWhileTimeIsLeftAndLastOneIsShortened()
    {
        var handler = new StubHandler().Hangs().Hangs().Hangs().Hangs();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = TestClients.Create(handler, time, o => { o.RequestTimeout = TimeSpan.FromSeconds(10); o.ReadRetries = 3; });

        var deadline = time.GetUtcNow().AddSeconds(25);
        var call = client.GetTaskAsync("task_1", deadline);
        var moved = await RunToDeadlineAsync(time, call, deadline);
        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => call);

        // 10 s + 10 s + the 5 s left; a fourth attempt (allowed by ReadRetries) would have run past the deadline.
        Assert.Equal(SeedanceErrorKind.Timeout, ex.Kind);
        Assert.Equal(3, handler.Count(HttpMethod.Get));
        Assert.Equal(TimeSpan.FromSeconds(25), moved);
    }

    [Fact]
    public async Task GetTaskAsync_WithoutDeadline_FullRequestTimeoutPerAttempt()
    {
        var handler = new StubHandler().Hangs().Then(HttpStatusCode.OK, ProviderBodies.Running("task_1", 40));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = TestClients.Create(handler, time, o => o.RequestTimeout = TimeSpan.FromSeconds(30));

        var call = client.GetTaskAsync("task_1", deadline: null);
        var moved = await TestClients.AdvanceUntilDoneAsync(time, call, Step);

        Assert.Equal(40, (await call).Progress);
        Assert.True(moved >= TimeSpan.FromSeconds(30), $"the attempt was cut at {moved}");
    }

    [Fact]
    public async Task GetTaskAsync_RetryAfterBeyondDeadline_AnswersWithTheLastErrorAtOnce()
    {
        var handler = new StubHandler().Otherwise(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent(ProviderBodies.Error(503, "server_error")) };
            response.Headers.Add("Retry-After", "10");
            return Task.FromResult(response);
        });
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = TestClients.Create(handler, time);

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => client.GetTaskAsync("task_1", time.GetUtcNow().AddSeconds(5)));

        Assert.Equal(SeedanceErrorKind.ServerError, ex.Kind);
        Assert.Equal(1, handler.Count(HttpMethod.Get));
    }

    [Fact]
    public async Task GetTaskAsync_RetryAfterWithinDeadline_Waited()
    {
        var handler = new StubHandler()
            .Then(HttpStatusCode.TooManyRequests, ProviderBodies.Error(429, "rate_limit_error"), edit: r => r.Headers.Add("Retry-After", "3"))
            .Then(HttpStatusCode.OK, ProviderBodies.Running("task_1", 55));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = TestClients.Create(handler, time);

        var call = client.GetTaskAsync("task_1", time.GetUtcNow().AddSeconds(10));
        var moved = await TestClients.AdvanceUntilDoneAsync(time, call, Step);

        Assert.Equal(55, (await call).Progress);
        // It waited the Retry-After (3 s) and asked again well before the 10 s deadline. The clock moves in 500 ms steps every
        // few real milliseconds, so on a busy machine it may run a few steps past 3 s before the retry's answer is read.
        Assert.InRange(moved, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task GetTaskAsync_DeadlinePassed_NothingSent()
    {
        var handler = new StubHandler();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() =>
            TestClients.Create(handler, time).GetTaskAsync("task_1", time.GetUtcNow().AddSeconds(-1)));

        Assert.Equal(SeedanceErrorKind.Timeout, ex.Kind);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task GetTaskAsync_CallerCancels_OperationCanceledNotTimeout()
    {
        var handler = new StubHandler().Hangs();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var cancel = new CancellationTokenSource();
        var call = TestClients.Create(handler, time).GetTaskAsync("task_1", time.GetUtcNow().AddSeconds(30), cancel.Token);
        while (handler.Requests.IsEmpty)
        {
            await Task.Yield();
        }

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task GetBalanceAsync_HangsWithDeadline_TimeoutAtTheDeadline()
    {
        var handler = new StubHandler().Hangs().Hangs();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = TestClients.Create(handler, time);

        var deadline = time.GetUtcNow().AddSeconds(4);
        var call = client.GetBalanceAsync(deadline);
        var moved = await RunToDeadlineAsync(time, call, deadline);

        Assert.Equal(SeedanceErrorKind.Timeout, (await Assert.ThrowsAsync<SeedanceApiException>(() => call)).Kind);
        Assert.Equal(1, handler.Count(HttpMethod.Get));
        Assert.Equal(TimeSpan.FromSeconds(4), moved);
    }

    [Fact]
    public async Task SubmitAsync_RateLimitedLongerThanDeadline_RateLimitedAtOnceNeverUnknown()
    {
        var handler = new StubHandler()
            .Then(HttpStatusCode.TooManyRequests, ProviderBodies.Error(429, "rate_limit_error"), edit: r => r.Headers.Add("Retry-After", "30"))
            .Otherwise(HttpStatusCode.OK, ProviderBodies.SubmitArray);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = TestClients.Create(handler, time);
        var started = time.GetUtcNow();

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => client.SubmitAsync(client.Prepare(Request), started.AddSeconds(20)));

        Assert.Equal(SeedanceErrorKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), ex.RetryAfter);
        Assert.Equal(1, handler.Count(HttpMethod.Post));
        Assert.Equal(started, time.GetUtcNow());
    }

    [Fact]
    public async Task SubmitAsync_RateLimitedWithinDeadline_WaitedAndSentAgain()
    {
        var handler = new StubHandler()
            .Then(HttpStatusCode.TooManyRequests, ProviderBodies.Error(429, "rate_limit_error"), edit: r => r.Headers.Add("Retry-After", "5"))
            .Otherwise(HttpStatusCode.OK, ProviderBodies.SubmitArray);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = TestClients.Create(handler, time);

        var call = client.SubmitAsync(client.Prepare(Request), time.GetUtcNow().AddSeconds(20));
        await TestClients.AdvanceUntilDoneAsync(time, call, Step);
        var submitted = await call;

        Assert.Equal(2, submitted.Attempts);
        Assert.False(submitted.Replayed);
    }

    [Fact]
    public async Task SubmitAsync_HangsWithNearDeadline_OneShortenedAttemptThenUnknown()
    {
        var handler = new StubHandler().Hangs().Otherwise(HttpStatusCode.OK, ProviderBodies.SubmitArray);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = TestClients.Create(handler, time, o => o.RequestTimeout = TimeSpan.FromSeconds(60));

        var deadline = time.GetUtcNow().AddSeconds(15);
        var call = client.SubmitAsync(client.Prepare(Request), deadline);
        var moved = await RunToDeadlineAsync(time, call, deadline);
        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => call);

        Assert.Equal(SeedanceErrorKind.SubmitOutcomeUnknown, ex.Kind);
        Assert.Contains("deadline left no room", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.Count(HttpMethod.Post));
        Assert.Equal(TimeSpan.FromSeconds(15), moved);
    }

    [Fact]
    public async Task SubmitAsync_HangsAlways_AttemptsShareTheDeadline()
    {
        var handler = new StubHandler().Hangs().Hangs().Hangs();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = TestClients.Create(handler, time, o => { o.RequestTimeout = TimeSpan.FromSeconds(20); o.ReadRetryBaseDelay = TimeSpan.FromSeconds(1); });

        var deadline = time.GetUtcNow().AddSeconds(50);
        var call = client.SubmitAsync(client.Prepare(Request), deadline);
        var moved = await RunToDeadlineAsync(time, call, deadline);
        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => call);

        // 20 s, a 1 s pause, 20 s, a 2 s pause, then the 7 s left: three sends, over by the deadline.
        Assert.Equal(SeedanceErrorKind.SubmitOutcomeUnknown, ex.Kind);
        Assert.Equal(3, handler.Count(HttpMethod.Post));
        Assert.Equal(TimeSpan.FromSeconds(50), moved);
        Assert.All(handler.Requests, r => Assert.Equal(handler.Requests.First().IdempotencyKey, r.IdempotencyKey));
    }

    [Fact]
    public async Task SubmitAsync_DeadlinePassed_TimeoutAndNothingSent()
    {
        var handler = new StubHandler();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = TestClients.Create(handler, time);

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => client.SubmitAsync(client.Prepare(Request), time.GetUtcNow()));

        Assert.Equal(SeedanceErrorKind.Timeout, ex.Kind);
        Assert.Contains("nothing was sent", ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task UploadImageFileAsync_RateLimitedLongerThanDeadline_RateLimitedAtOnce()
    {
        var path = Path.Combine(Path.GetTempPath(), $"seedance-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(path, Png);
        try
        {
            var handler = new StubHandler()
                .Then(HttpStatusCode.TooManyRequests, ProviderBodies.Error(429, "rate_limit_error"), edit: r => r.Headers.Add("Retry-After", "20"));
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);

            var ex = await Assert.ThrowsAsync<SeedanceApiException>(() =>
                TestClients.Create(handler, time).UploadImageFileAsync(path, time.GetUtcNow().AddSeconds(10)));

            Assert.Equal(SeedanceErrorKind.RateLimited, ex.Kind);
            Assert.Equal(1, handler.Count(HttpMethod.Post));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Moves the clock in steps, never past <paramref name="deadline"/>, until <paramref name="call"/> ends; a call still
    /// running once the clock stands at the deadline must end without it moving further. Returns how far it moved.
    /// </summary>
    private static async Task<TimeSpan> RunToDeadlineAsync(FakeTimeProvider time, Task call, DateTimeOffset deadline)
    {
        var start = time.GetUtcNow();
        while (!call.IsCompleted && time.GetUtcNow() < deadline)
        {
            await Task.Delay(5);
            var left = deadline - time.GetUtcNow();
            time.Advance(left < Step ? left : Step);
        }

        // A guard, not a sleep: returns as soon as the call ends; fails the test if it hangs past its deadline.
        await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(call.IsCompleted, "the call outlived its deadline");
        return time.GetUtcNow() - start;
    }
}
