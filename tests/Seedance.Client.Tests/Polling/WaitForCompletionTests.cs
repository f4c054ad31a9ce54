using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Seedance.Client.Errors;
using Seedance.Client.Polling;
using Seedance.Client.Tasks;
using Seedance.Client.Tests.Infrastructure;

namespace Seedance.Client.Tests.Polling;

public sealed class WaitForCompletionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A provider whose task finishes <paramref name="duration"/> after <see cref="Start"/>, with linear progress.</summary>
    private static StubHandler LinearTask(FakeTimeProvider time, TimeSpan duration, int? estimatedSeconds = null) =>
        new StubHandler { Clock = time }.Otherwise(_ =>
        {
            var elapsed = time.GetUtcNow() - Start;
            var body = elapsed >= duration
                ? ProviderBodies.Completed("task_1")
                : ProviderBodies.Running("task_1", (int)(100 * elapsed / duration), estimatedSeconds, Start.ToUnixTimeSeconds());
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        });

    [Fact]
    public async Task WaitForCompletionAsync_FreshTask_FirstPollNotBeforeInitialDelay()
    {
        var time = new FakeTimeProvider(Start);
        var handler = LinearTask(time, TimeSpan.FromSeconds(60));
        var client = TestClients.Create(handler, time);

        var wait = client.WaitForCompletionAsync("task_1", new WaitOptions { SubmittedAt = Start });
        await TestClients.AdvanceUntilDoneAsync(time, wait, TimeSpan.FromSeconds(0.5));
        await wait;

        Assert.True(handler.Requests.First().At - Start >= TimeSpan.FromSeconds(15), $"first poll after {handler.Requests.First().At - Start}");
    }

    [Fact]
    public async Task WaitForCompletionAsync_NoSubmitTime_PollsAtOnce()
    {
        var time = new FakeTimeProvider(Start + TimeSpan.FromMinutes(5));
        var handler = LinearTask(time, TimeSpan.FromSeconds(60));

        var task = await TestClients.Create(handler, time).WaitForCompletionAsync("task_1");

        Assert.Equal(SeedanceTaskState.Succeeded, task.State);
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(120)]
    [InlineData(180)]
    public async Task WaitForCompletionAsync_TypicalTask_FewCallsAndPromptDetection(int seconds)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        var time = new FakeTimeProvider(Start);
        var handler = LinearTask(time, duration, estimatedSeconds: 600);
        var client = TestClients.Create(handler, time);

        var wait = client.WaitForCompletionAsync("task_1", new WaitOptions { SubmittedAt = Start });
        await TestClients.AdvanceUntilDoneAsync(time, wait, TimeSpan.FromSeconds(0.25));
        var task = await wait;

        Assert.Equal(SeedanceTaskState.Succeeded, task.State);
        var calls = handler.Requests.ToArray();
        Assert.True(calls.Length <= 12, $"{calls.Length} status calls");
        var lag = calls[^1].At - (Start + duration);
        var allowed = TimeSpan.FromSeconds(Math.Max(5, seconds * 0.05));
        Assert.True(lag <= allowed, $"completion seen {lag} late (allowed {allowed})");
        var gaps = calls.Zip(calls.Skip(1), (a, b) => b.At - a.At);
        Assert.All(gaps, gap => Assert.True(gap >= TimeSpan.FromSeconds(3) - TimeSpan.FromMilliseconds(1), $"gap {gap}"));
    }

    [Fact]
    public async Task WaitForCompletionAsync_ReportsEverySnapshot()
    {
        var time = new FakeTimeProvider(Start);
        var handler = LinearTask(time, TimeSpan.FromSeconds(90));
        var seen = new List<int?>();
        var progress = new SyncProgress<SeedanceTask>(t => seen.Add(t.Progress));

        var wait = TestClients.Create(handler, time).WaitForCompletionAsync("task_1", new WaitOptions { SubmittedAt = Start }, progress);
        await TestClients.AdvanceUntilDoneAsync(time, wait, TimeSpan.FromSeconds(0.5));
        await wait;

        Assert.Equal(handler.Requests.Count, seen.Count);
        Assert.Equal(100, seen[^1]);
        Assert.Equal(seen.Order(), seen);
    }

    [Fact]
    public async Task WaitForCompletionAsync_FailedTask_EndsWithError()
    {
        var time = new FakeTimeProvider(Start);
        var handler = new StubHandler { Clock = time }
            .Then(HttpStatusCode.OK, ProviderBodies.Running())
            .Then(HttpStatusCode.OK, """{"code":200,"data":{"id":"task_1","status":"failed","error":{"code":"policy","message":"blocked"}}}""");

        var wait = TestClients.Create(handler, time).WaitForCompletionAsync("task_1");
        await TestClients.AdvanceUntilDoneAsync(time, wait, TimeSpan.FromSeconds(1));
        var task = await wait;

        Assert.Equal(SeedanceTaskState.Failed, task.State);
        Assert.Equal("blocked", task.Error?.Message);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task WaitForCompletionAsync_RetryAfterOnStatus_Honoured()
    {
        var time = new FakeTimeProvider(Start);
        var handler = new StubHandler { Clock = time }
            .Then(HttpStatusCode.TooManyRequests, ProviderBodies.Error(429, "rate_limit_error"), edit: r => r.Headers.Add("Retry-After", "20"))
            .Then(HttpStatusCode.OK, ProviderBodies.Completed("task_1"));
        var client = TestClients.Create(handler, time, o => o.ReadRetries = 0);

        var wait = client.WaitForCompletionAsync("task_1");
        await TestClients.AdvanceUntilDoneAsync(time, wait, TimeSpan.FromSeconds(1));
        var task = await wait;

        Assert.Equal(SeedanceTaskState.Succeeded, task.State);
        var calls = handler.Requests.ToArray();
        Assert.Equal(2, calls.Length);
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(20), $"retried after {calls[1].At - calls[0].At}");
    }

    [Fact]
    public async Task WaitForCompletionAsync_PersistentFailure_GivesUpWithLastError()
    {
        var time = new FakeTimeProvider(Start);
        var handler = new StubHandler { Clock = time }.Otherwise(HttpStatusCode.BadGateway, ProviderBodies.Error(502, "bad_gateway"));
        var client = TestClients.Create(handler, time, o => { o.ReadRetries = 0; o.Polling.MaxConsecutiveErrors = 3; });

        var wait = client.WaitForCompletionAsync("task_1");
        await TestClients.AdvanceUntilDoneAsync(time, wait, TimeSpan.FromSeconds(1));
        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => wait);

        Assert.Equal(SeedanceErrorKind.ServerError, ex.Kind);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task WaitForCompletionAsync_UnknownTask_ThrowsAtOnce()
    {
        var handler = new StubHandler().Otherwise(HttpStatusCode.BadRequest, ProviderBodies.Error(400, "invalid_request_error", "task not found"));

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler).WaitForCompletionAsync("task_x"));

        Assert.Equal(SeedanceErrorKind.TaskNotFound, ex.Kind);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task WaitForCompletionAsync_Cancelled_StopsPollingWithoutTouchingTask()
    {
        var time = new FakeTimeProvider(Start);
        var handler = LinearTask(time, TimeSpan.FromMinutes(10));
        using var cancel = new CancellationTokenSource();
        var client = TestClients.Create(handler, time);

        var wait = client.WaitForCompletionAsync("task_1", new WaitOptions { SubmittedAt = Start }, cancellationToken: cancel.Token);
        await TestClients.AdvanceUntilDoneAsync(time, wait, TimeSpan.FromSeconds(1), limit: TimeSpan.FromSeconds(60));
        var before = handler.Requests.Count;
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(before, handler.Requests.Count);
        Assert.True(before >= 1);
        Assert.All(handler.Requests, r => Assert.Equal(HttpMethod.Get, r.Method));
    }

    [Fact]
    public async Task WaitForCompletionAsync_MaxWait_ReturnsRunningSnapshotAtDeadline()
    {
        var time = new FakeTimeProvider(Start);
        var handler = LinearTask(time, TimeSpan.FromMinutes(10));

        var wait = TestClients.Create(handler, time).WaitForCompletionAsync("task_1", new WaitOptions { MaxWait = TimeSpan.FromSeconds(40) });
        var moved = await TestClients.AdvanceUntilDoneAsync(time, wait, TimeSpan.FromSeconds(0.5));
        var task = await wait;

        Assert.Equal(SeedanceTaskState.Running, task.State);
        Assert.True(moved <= TimeSpan.FromSeconds(41), $"waited {moved}");
        Assert.True(handler.Requests.Last().At - Start >= TimeSpan.FromSeconds(39), "the last look should be at the deadline");
    }

    [Fact]
    public async Task WaitForCompletionAsync_MaxWaitWhileStatusCallsHang_ReturnsTheLastSnapshotSoonAfterTheDeadline()
    {
        var time = new FakeTimeProvider(Start);
        var handler = new StubHandler { Clock = time }.Then(HttpStatusCode.OK, ProviderBodies.Running("task_1", 30)).Hangs().Hangs().Hangs();
        var client = TestClients.Create(handler, time, o => { o.RequestTimeout = TimeSpan.FromSeconds(60); o.ReadRetries = 2; });

        var wait = client.WaitForCompletionAsync("task_1", new WaitOptions { MaxWait = TimeSpan.FromSeconds(20) });
        var moved = await TestClients.AdvanceUntilDoneAsync(time, wait, TimeSpan.FromSeconds(0.5));
        var task = await wait;

        // Without the deadline on each status call, the hanging one would hold the wait for its 60 s request time (and retries).
        Assert.Equal(SeedanceTaskState.Running, task.State);
        Assert.Equal(30, task.Progress);
        Assert.InRange(moved, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(26));
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool, which would race the asserts).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
