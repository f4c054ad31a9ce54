using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Seedance.Client.Errors;
using Seedance.Client.Requests;
using Seedance.Client.Tests.Infrastructure;
using Fault = Seedance.Client.Tests.Infrastructure.IdempotentProvider.Fault;

namespace Seedance.Client.Tests.Http;

/// <summary>An unsure submit is resolved by sending the identical request with the same key: one task, never two.</summary>
public sealed class SubmitReplayTests
{
    private static readonly VideoGenerationRequest Request = new() { Prompt = "a cat surfing", Duration = 8 };

    [Theory]
    [InlineData(Fault.DropAfterWork)]
    [InlineData(Fault.TruncatedAfterWork)]
    [InlineData(Fault.BadGatewayAfterWork)]
    [InlineData(Fault.NoIdAfterWork)]
    public async Task SubmitAsync_AnswerLostAfterTaskCreated_ReplayFindsTheSameTask(Fault fault)
    {
        var provider = new IdempotentProvider().Then(fault);
        var client = SeedanceClient.Create(TestClients.Options(), innerHandler: provider);

        var submitted = await client.SubmitAsync(client.Prepare(Request, "idem-replay"));

        Assert.Equal("task_01STUB1", submitted.TaskId);
        Assert.True(submitted.Replayed);
        Assert.Equal(2, submitted.Attempts);
        Assert.Equal(1, provider.TasksCreated);
        Assert.Equal(2, provider.Posts);
        Assert.All(provider.Received, r => Assert.Equal("idem-replay", r.Key));
        Assert.Equal(provider.Received[0].Body, provider.Received[1].Body);
    }

    [Fact]
    public async Task SubmitAsync_ServerErrorBeforeWork_SecondAttemptCreatesTheOnlyTask()
    {
        var provider = new IdempotentProvider().Then(Fault.ServerErrorBeforeWork);
        var client = SeedanceClient.Create(TestClients.Options(), innerHandler: provider);

        var submitted = await client.SubmitAsync(Request);

        Assert.False(submitted.Replayed);
        Assert.Equal(2, submitted.Attempts);
        Assert.Equal(1, provider.TasksCreated);
    }

    [Fact]
    public async Task SubmitAsync_NoAnswerInTime_ReplayedAfterTheTimeoutAndOneTask()
    {
        var provider = new IdempotentProvider().Then(Fault.HangAfterWork);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = SeedanceClient.Create(TestClients.Options(o => o.RequestTimeout = TimeSpan.FromSeconds(20)), time, provider);

        var call = client.SubmitAsync(Request);
        var moved = await TestClients.AdvanceUntilDoneAsync(time, call, TimeSpan.FromSeconds(1));
        var submitted = await call;

        Assert.True(submitted.Replayed);
        Assert.Equal(1, provider.TasksCreated);
        Assert.Equal(2, provider.Posts);
        Assert.InRange(moved, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30)); // the timeout, a short replay pause, and the clock-stepping slack
    }

    [Fact]
    public async Task SubmitAsync_FirstAnswerCarriesReplayedHeader_Reported()
    {
        var handler = new StubHandler().Then(HttpStatusCode.OK, ProviderBodies.SubmitArray, edit: r => r.Headers.Add("Idempotency-Replayed", "true"));

        var submitted = await TestClients.Create(handler).SubmitAsync(Request);

        Assert.True(submitted.Replayed);
        Assert.Equal(1, submitted.Attempts);
    }

    [Fact]
    public async Task SubmitAsync_PlainAnswer_NotReplayedOneAttempt()
    {
        var handler = new StubHandler().Then(HttpStatusCode.OK, ProviderBodies.SubmitArray);

        var submitted = await TestClients.Create(handler).SubmitAsync(Request);

        Assert.False(submitted.Replayed);
        Assert.Equal(1, submitted.Attempts);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    [InlineData(5)]
    public async Task SubmitAsync_AlwaysUnsure_StopsAtMaxSubmitAttempts(int max)
    {
        var provider = new IdempotentProvider().Then(Enumerable.Repeat(Fault.DropAfterWork, 10).ToArray());
        var client = SeedanceClient.Create(TestClients.Options(o => o.MaxSubmitAttempts = max), innerHandler: provider);

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => client.SubmitAsync(Request));

        Assert.Equal(SeedanceErrorKind.SubmitOutcomeUnknown, ex.Kind);
        Assert.Equal(max, provider.Posts);
        Assert.Equal(1, provider.TasksCreated);
        Assert.Contains("same Idempotency-Key", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxSubmitAttempts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_ReplayOff_SentOnceWithTodaysOutcomeUnknown()
    {
        var provider = new IdempotentProvider().Then(Fault.DropAfterWork);
        var client = SeedanceClient.Create(TestClients.Options(o => o.ReplayUnsureSubmits = false), innerHandler: provider);

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => client.SubmitAsync(Request));

        Assert.Equal(SeedanceErrorKind.SubmitOutcomeUnknown, ex.Kind);
        Assert.Equal(1, provider.Posts);
        Assert.Contains("ReplayUnsureSubmits", ex.Message, StringComparison.Ordinal);
        Assert.Contains("pay twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_KeyUsedForAnotherBody_409IsFinalAndSaysSo()
    {
        var provider = new IdempotentProvider();
        var client = SeedanceClient.Create(TestClients.Options(), innerHandler: provider);
        await client.SubmitAsync(client.Prepare(Request, "idem-shared"));

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => client.SubmitAsync(client.Prepare(Request with { Duration = 12 }, "idem-shared")));

        Assert.Equal(SeedanceErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal(HttpStatusCode.Conflict, ex.StatusCode);
        Assert.False(ex.IsRetryable);
        Assert.Contains("conflict on its Idempotency-Key", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Nothing new was created", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, provider.Posts);
        Assert.Equal(1, provider.TasksCreated);
    }

    [Fact]
    public async Task SubmitAsync_RejectedAsInvalidOnReplay_FinalRefusal()
    {
        var handler = new StubHandler()
            .Then(HttpStatusCode.InternalServerError, ProviderBodies.Error(500, "server_error"))
            .Then(HttpStatusCode.BadRequest, ProviderBodies.Error(400, "invalid_request_error", "duration out of range"));

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler).SubmitAsync(Request));

        Assert.Equal(SeedanceErrorKind.InvalidRequest, ex.Kind);
        Assert.Equal(2, handler.Count(HttpMethod.Post));
    }

    [Theory]
    [InlineData(HttpStatusCode.Conflict, "invalid_request_error", "A request with this Idempotency-Key is still being processed")]
    [InlineData(HttpStatusCode.BadRequest, "invalid_request_error", "invalid request")]
    [InlineData(HttpStatusCode.Unauthorized, "authentication_error", "bad key")]
    [InlineData(HttpStatusCode.Forbidden, "permission_error", "not allowed")]
    public async Task SubmitAsync_ReplayRefusedWithoutNamingARule_StillUnknown(HttpStatusCode status, string type, string message)
    {
        // The first attempt may have created the task: only a refusal of the body's own content says it did not.
        var handler = new StubHandler()
            .Then(HttpStatusCode.InternalServerError, ProviderBodies.Error(500, "server_error"))
            .Then(status, ProviderBodies.Error((int)status, type, message));

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler).SubmitAsync(Request));

        Assert.Equal(SeedanceErrorKind.SubmitOutcomeUnknown, ex.Kind);
    }

    [Fact]
    public async Task SubmitAsync_RefusedOutright_NotReplayed()
    {
        var handler = new StubHandler().Otherwise(HttpStatusCode.PaymentRequired, ProviderBodies.Error(402, "payment_required"));

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler).SubmitAsync(Request));

        Assert.Equal(SeedanceErrorKind.PaymentRequired, ex.Kind);
        Assert.Equal(1, handler.Count(HttpMethod.Post));
    }

    [Fact]
    public async Task SubmitAsync_ReplayRateLimitedBeyondWaiting_StillUnknownNotRateLimited()
    {
        // The first attempt may have created the task; a refused replay does not change that.
        var handler = new StubHandler()
            .Throws(new HttpRequestException(HttpRequestError.ResponseEnded, "dropped"))
            .Then(HttpStatusCode.TooManyRequests, ProviderBodies.Error(429, "rate_limit_error"), edit: r => r.Headers.Add("Retry-After", "3600"));

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler).SubmitAsync(Request));

        Assert.Equal(SeedanceErrorKind.SubmitOutcomeUnknown, ex.Kind);
        Assert.Equal(2, handler.Count(HttpMethod.Post));
    }

    [Fact]
    public async Task SubmitAsync_ConnectionRefusedOnReplay_TriesAgainWithinTheCap()
    {
        var provider = new IdempotentProvider().Then(Fault.DropAfterWork);
        var refusedOnce = new RefuseOnce(2, provider);
        var client = SeedanceClient.Create(TestClients.Options(), innerHandler: refusedOnce);

        var submitted = await client.SubmitAsync(Request);

        Assert.True(submitted.Replayed);
        Assert.Equal(3, submitted.Attempts);
        Assert.Equal(1, provider.TasksCreated);
    }

    [Fact]
    public async Task SubmitAsync_Replays_LoggedWithoutAnyKey()
    {
        var provider = new IdempotentProvider().Then(Fault.DropAfterWork, Fault.BadGatewayAfterWork);
        var logger = new CapturingLogger<SeedanceClient>();
        var client = SeedanceClient.Create(TestClients.Options(), innerHandler: provider, logger: logger);

        await client.SubmitAsync(client.Prepare(Request, "idem-secret-key-42"));

        var replays = logger.Lines.Where(l => l.Level == LogLevel.Warning && l.Text.Contains("same idempotency key", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, replays.Count);
        Assert.Contains("attempt 2 of 3", replays[0].Text, StringComparison.Ordinal);
        Assert.Contains("HTTP 502", replays[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("idem-secret-key-42", logger.All, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.ApiKey, logger.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void Options_MaxSubmitAttemptsOutOfRange_Named(int value)
    {
        var problems = TestClients.Options(o => o.MaxSubmitAttempts = value).Validate();

        Assert.Contains($"Seedance:MaxSubmitAttempts must be 1 to 10; given: {value}.", problems);
    }

    [Fact]
    public void Options_Defaults_ReplayOnThreeAttempts()
    {
        var options = new SeedanceClientOptions();

        Assert.True(options.ReplayUnsureSubmits);
        Assert.Equal(3, options.MaxSubmitAttempts);
    }

    /// <summary>Refuses the connection on the given (1-based) request, passing every other one on.</summary>
    private sealed class RefuseOnce(int which, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _seen;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _seen) == which
                ? Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"))
                : base.SendAsync(request, cancellationToken);
    }
}
