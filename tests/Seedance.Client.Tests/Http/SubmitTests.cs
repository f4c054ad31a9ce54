using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Seedance.Client.Errors;
using Seedance.Client.Requests;
using Seedance.Client.Tests.Infrastructure;
using Seedance.Client.Validation;

namespace Seedance.Client.Tests.Http;

public sealed class SubmitTests
{
    private static readonly VideoGenerationRequest Request = new() { Prompt = "a cat surfing", Duration = 10, Size = "9:16", GenerateAudio = true };

    private static void ReplayOff(SeedanceClientOptions options) => options.ReplayUnsureSubmits = false;

    [Fact]
    public async Task SubmitAsync_Accepted_SendsBearerIdempotencyKeyAndExplicitDefaults()
    {
        var handler = new StubHandler().Then(HttpStatusCode.OK, ProviderBodies.SubmitArray);
        var client = TestClients.Create(handler);

        var submitted = await client.SubmitAsync(Request, "idem-1");

        Assert.Equal("task_01ARRAY", submitted.TaskId);
        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.example.test/v1/videos/generations", sent.Uri.AbsoluteUri);
        Assert.Equal($"Bearer {TestClients.ApiKey}", sent.Authorization);
        Assert.Equal("idem-1", sent.IdempotencyKey);
        var body = JsonDocument.Parse(sent.Body!).RootElement;
        Assert.Equal(10, body.GetProperty("duration").GetInt32());
        Assert.Equal("9:16", body.GetProperty("size").GetString());
        Assert.Equal("720p", body.GetProperty("resolution").GetString());
        Assert.True(body.GetProperty("generate_audio").GetBoolean());
    }

    [Fact]
    public async Task SubmitAsync_NoKeyGiven_MakesOneUp()
    {
        var handler = new StubHandler().Then(HttpStatusCode.OK, ProviderBodies.SubmitArray);

        await TestClients.Create(handler).SubmitAsync(Request);

        Assert.False(string.IsNullOrWhiteSpace(Assert.Single(handler.Requests).IdempotencyKey));
    }

    [Fact]
    public async Task SubmitAsync_ObjectShapeAnswer_ReturnsId()
    {
        var handler = new StubHandler().Then(HttpStatusCode.OK, ProviderBodies.SubmitObject);

        Assert.Equal("task_01OBJECT", (await TestClients.Create(handler).SubmitAsync(Request)).TaskId);
    }

    [Fact]
    public async Task SubmitAsync_InvalidRequest_ThrowsBeforeSending()
    {
        var handler = new StubHandler();

        var ex = await Assert.ThrowsAsync<SeedanceValidationException>(() =>
            TestClients.Create(handler).SubmitAsync(Request with { Size = "16x9", Duration = 30 }));

        Assert.Equal(["R4", "R5"], ex.Violations.Select(v => v.Rule));
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, "server_error")]
    [InlineData(HttpStatusCode.BadGateway, "bad_gateway")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "server_error")]
    public async Task SubmitAsync_ServerErrorReplayOff_SentOnceOutcomeUnknown(HttpStatusCode status, string type)
    {
        var handler = new StubHandler().Otherwise(status, ProviderBodies.Error((int)status, type));

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler, edit: ReplayOff).SubmitAsync(Request));

        Assert.Equal(SeedanceErrorKind.SubmitOutcomeUnknown, ex.Kind);
        Assert.False(ex.IsRetryable);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(type, ex.ErrorType);
        Assert.Equal(1, handler.Count(HttpMethod.Post));
        Assert.Contains("pay twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_ConnectionDroppedAfterSendingReplayOff_SentOnceOutcomeUnknown()
    {
        var handler = new StubHandler().Throws(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."))
            .Otherwise(HttpStatusCode.OK, ProviderBodies.SubmitArray);

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler, edit: ReplayOff).SubmitAsync(Request));

        Assert.Equal(SeedanceErrorKind.SubmitOutcomeUnknown, ex.Kind);
        Assert.Equal(1, handler.Count(HttpMethod.Post));
    }

    [Fact]
    public async Task SubmitAsync_ConnectionRefused_NetworkErrorThatMayBeRetried()
    {
        var handler = new StubHandler().Throws(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler).SubmitAsync(Request));

        Assert.Equal(SeedanceErrorKind.Network, ex.Kind);
        Assert.True(ex.IsRetryable);
        Assert.Equal(1, handler.Count(HttpMethod.Post));
    }

    [Fact]
    public async Task SubmitAsync_NoAnswerInTimeReplayOff_SentOnceOutcomeUnknown()
    {
        var handler = new StubHandler().Hangs();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = TestClients.Create(handler, time, o => { o.RequestTimeout = TimeSpan.FromSeconds(60); o.ReplayUnsureSubmits = false; });

        var call = client.SubmitAsync(Request);
        await TestClients.AdvanceUntilDoneAsync(time, call, TimeSpan.FromSeconds(10));
        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => call);

        Assert.Equal(SeedanceErrorKind.SubmitOutcomeUnknown, ex.Kind);
        Assert.Contains("did not answer in time", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.Count(HttpMethod.Post));
    }

    [Fact]
    public async Task SubmitAsync_MalformedSuccessBodyReplayOff_OutcomeUnknownWithoutParserTrace()
    {
        var handler = new StubHandler().Then(HttpStatusCode.OK, """{"code":200,"data":[{"status":"subm""");

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler, edit: ReplayOff).SubmitAsync(Request));

        Assert.Equal(SeedanceErrorKind.SubmitOutcomeUnknown, ex.Kind);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.InnerException);
        Assert.Equal(1, handler.Count(HttpMethod.Post));
    }

    [Fact]
    public async Task SubmitAsync_RateLimitedOnce_RetriedWithSameIdempotencyKey()
    {
        var handler = new StubHandler()
            .Then(HttpStatusCode.TooManyRequests, ProviderBodies.Error(429, "rate_limit_error"), edit: r => r.Headers.Add("Retry-After", "3"))
            .Then(HttpStatusCode.OK, ProviderBodies.SubmitArray);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = TestClients.Create(handler, time);

        var call = client.SubmitAsync(Request, "idem-429");
        var waited = await TestClients.AdvanceUntilDoneAsync(time, call, TimeSpan.FromSeconds(1));
        var submitted = await call;

        Assert.Equal("task_01ARRAY", submitted.TaskId);
        Assert.Equal(2, handler.Count(HttpMethod.Post));
        Assert.All(handler.Requests, r => Assert.Equal("idem-429", r.IdempotencyKey));
        Assert.True(waited >= TimeSpan.FromSeconds(3), $"waited only {waited}");
    }

    [Fact]
    public async Task SubmitAsync_RateLimitedAlways_GivesUpWithRetryAfter()
    {
        var handler = new StubHandler().Otherwise(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent(ProviderBodies.Error(429, "rate_limit_error")) };
            response.Headers.Add("Retry-After", "0");
            return Task.FromResult(response);
        });

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler, edit: o => o.RateLimitRetries = 2).SubmitAsync(Request));

        Assert.Equal(SeedanceErrorKind.RateLimited, ex.Kind);
        Assert.True(ex.IsRetryable);
        Assert.Equal(TimeSpan.Zero, ex.RetryAfter);
        Assert.Equal(3, handler.Count(HttpMethod.Post));
    }

    [Fact]
    public async Task SubmitAsync_RetryAfterLongerThanAllowed_NotWaitedFor()
    {
        var handler = new StubHandler().Otherwise(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent(ProviderBodies.Error(429, "rate_limit_error")) };
            response.Headers.Add("Retry-After", "3600");
            return Task.FromResult(response);
        });

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler).SubmitAsync(Request));

        Assert.Equal(TimeSpan.FromHours(1), ex.RetryAfter);
        Assert.Equal(1, handler.Count(HttpMethod.Post));
        Assert.Contains("3600 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_RetryAfterAsHttpDate_ConvertedToDelay()
    {
        var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(now);
        var handler = new StubHandler().Otherwise(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent(ProviderBodies.Error(429, "rate_limit_error")) };
            response.Headers.Add("Retry-After", now.AddSeconds(45).ToString("R"));
            return Task.FromResult(response);
        });

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() =>
            TestClients.Create(handler, time, o => o.RateLimitRetries = 0).SubmitAsync(Request));

        Assert.Equal(TimeSpan.FromSeconds(45), ex.RetryAfter);
    }

    [Fact]
    public async Task SubmitAsync_200WithErrorEnvelope_IsAnError()
    {
        var handler = new StubHandler().Then(HttpStatusCode.OK, ProviderBodies.Error(402, "payment_required", "top up"));

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler).SubmitAsync(Request));

        Assert.Equal(SeedanceErrorKind.PaymentRequired, ex.Kind);
        Assert.Equal("top up", ex.ProviderMessage);
    }

    [Fact]
    public async Task SubmitAsync_NoApiKey_ClearErrorAndNothingSent()
    {
        var handler = new StubHandler();
        var client = TestClients.Create(handler, edit: o => { o.ApiKey = null; o.RequireApiKey = false; });

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => client.SubmitAsync(Request));

        Assert.Equal(SeedanceErrorKind.Authentication, ex.Kind);
        Assert.Contains("SEEDANCE_API_KEY", ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }
}
