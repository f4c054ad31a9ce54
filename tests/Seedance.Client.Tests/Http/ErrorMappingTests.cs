using System.Net;
using Microsoft.Extensions.Time.Testing;
using Seedance.Client.Errors;
using Seedance.Client.Requests;
using Seedance.Client.Tests.Infrastructure;

namespace Seedance.Client.Tests.Http;

public sealed class ErrorMappingTests
{
    private static readonly VideoGenerationRequest Request = new() { Prompt = "a cat" };

    [Theory]
    [InlineData(400, "invalid_request_error", SeedanceErrorKind.InvalidRequest)]
    [InlineData(401, "authentication_error", SeedanceErrorKind.Authentication)]
    [InlineData(402, "payment_required", SeedanceErrorKind.PaymentRequired)]
    [InlineData(403, "permission_error", SeedanceErrorKind.PermissionDenied)]
    [InlineData(429, "rate_limit_error", SeedanceErrorKind.RateLimited)]
    [InlineData(500, "server_error", SeedanceErrorKind.SubmitOutcomeUnknown)]
    [InlineData(502, "bad_gateway", SeedanceErrorKind.SubmitOutcomeUnknown)]
    public async Task SubmitAsync_ErrorStatus_MapsKindTypeAndMessage(int status, string type, SeedanceErrorKind kind)
    {
        var handler = new StubHandler().Otherwise((HttpStatusCode)status, ProviderBodies.Error(status, type, "provider says no"));

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() =>
            TestClients.Create(handler, edit: o => o.RateLimitRetries = 0).SubmitAsync(Request));

        Assert.Equal(kind, ex.Kind);
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Equal(type, ex.ErrorType);
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.ErrorCode);
        Assert.Equal("provider says no", ex.ProviderMessage);
        Assert.Equal("/v1/videos/generations", ex.RequestPath);
        Assert.Contains("provider says no", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestClients.ApiKey, ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "invalid_request_error")]
    [InlineData(404, "not_found_error")]
    public async Task GetTaskAsync_UnknownId_TaskNotFound(int status, string type)
    {
        var handler = new StubHandler().Otherwise((HttpStatusCode)status, ProviderBodies.Error(status, type, "task not found"));

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler).GetTaskAsync("task_nope"));

        Assert.Equal(SeedanceErrorKind.TaskNotFound, ex.Kind);
        Assert.False(ex.IsRetryable);
        Assert.Equal("/v1/tasks/task_nope", ex.RequestPath);
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData(401, SeedanceErrorKind.Authentication)]
    [InlineData(402, SeedanceErrorKind.PaymentRequired)]
    [InlineData(403, SeedanceErrorKind.PermissionDenied)]
    public async Task GetTaskAsync_AccountErrors_NotRetried(int status, SeedanceErrorKind kind)
    {
        var handler = new StubHandler().Otherwise((HttpStatusCode)status, ProviderBodies.Error(status, "x"));

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler).GetTaskAsync("task_1"));

        Assert.Equal(kind, ex.Kind);
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task GetTaskAsync_TransientThenSuccess_Retried(int status)
    {
        var handler = new StubHandler()
            .Then((HttpStatusCode)status, ProviderBodies.Error(status, "server_error"))
            .Then((HttpStatusCode)status, ProviderBodies.Error(status, "server_error"))
            .Then(HttpStatusCode.OK, ProviderBodies.Running("task_1", 40));

        var task = await TestClients.Create(handler).GetTaskAsync("task_1");

        Assert.Equal(40, task.Progress);
        Assert.Equal(3, handler.Count(HttpMethod.Get));
    }

    [Fact]
    public async Task GetTaskAsync_ServerErrorAlways_GivesUpAfterRetries()
    {
        var handler = new StubHandler().Otherwise(HttpStatusCode.BadGateway, ProviderBodies.Error(502, "bad_gateway"));

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler, edit: o => o.ReadRetries = 2).GetTaskAsync("task_1"));

        Assert.Equal(SeedanceErrorKind.ServerError, ex.Kind);
        Assert.True(ex.IsRetryable);
        Assert.Equal(3, handler.Count(HttpMethod.Get));
    }

    [Fact]
    public async Task GetTaskAsync_NetworkFaultThenSuccess_Retried()
    {
        var handler = new StubHandler().Throws(new HttpRequestException(HttpRequestError.ResponseEnded, "dropped"))
            .Then(HttpStatusCode.OK, ProviderBodies.Completed("task_1"));

        var task = await TestClients.Create(handler).GetTaskAsync("task_1");

        Assert.Equal(Tasks.SeedanceTaskState.Succeeded, task.State);
        Assert.Equal(2, handler.Count(HttpMethod.Get));
    }

    [Fact]
    public async Task GetTaskAsync_RetryAfterOnRead_Honoured()
    {
        var handler = new StubHandler()
            .Then(HttpStatusCode.TooManyRequests, ProviderBodies.Error(429, "rate_limit_error"), edit: r => r.Headers.Add("Retry-After", "7"))
            .Then(HttpStatusCode.OK, ProviderBodies.Running("task_1", 50));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = TestClients.Create(handler, time);

        var call = client.GetTaskAsync("task_1");
        var waited = await TestClients.AdvanceUntilDoneAsync(time, call, TimeSpan.FromSeconds(1));
        await call;

        Assert.True(waited >= TimeSpan.FromSeconds(7), $"retried after {waited}");
        Assert.Equal(2, handler.Count(HttpMethod.Get));
    }

    [Fact]
    public async Task GetTaskAsync_HtmlErrorPage_SaysItWasNotJson()
    {
        var handler = new StubHandler().Otherwise(HttpStatusCode.Forbidden, "<html><body>Access denied</body></html>");

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler).GetTaskAsync("task_1"));

        Assert.Equal(SeedanceErrorKind.PermissionDenied, ex.Kind);
        Assert.Contains("not JSON", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html>oops</html>")]
    [InlineData("""{"code":200,"data":{"id":"task_1","sta""")]
    [InlineData("")]
    public async Task GetTaskAsync_UnreadableSuccessBody_InvalidResponse(string body)
    {
        var handler = new StubHandler().Otherwise(HttpStatusCode.OK, body);

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler).GetTaskAsync("task_1"));

        Assert.Equal(SeedanceErrorKind.InvalidResponse, ex.Kind);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
        Assert.IsNotType<System.Text.Json.JsonException>(ex.InnerException);
    }

    [Fact]
    public async Task GetTaskAsync_OversizedAnswer_Refused()
    {
        var huge = "{\"data\":{\"id\":\"t\",\"pad\":\"" + new string('x', 20_000) + "\"}}";
        var handler = new StubHandler().Otherwise(HttpStatusCode.OK, huge);

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() =>
            TestClients.Create(handler, edit: o => o.MaxResponseBytes = 4096).GetTaskAsync("t"));

        Assert.Equal(SeedanceErrorKind.InvalidResponse, ex.Kind);
        Assert.Contains("4096-byte limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTaskAsync_IdWithSlashes_IsEscapedIntoOneSegment()
    {
        var handler = new StubHandler().Otherwise(HttpStatusCode.OK, ProviderBodies.Running());

        await TestClients.Create(handler).GetTaskAsync("../balance");

        Assert.Equal("/v1/tasks/..%2Fbalance", Assert.Single(handler.Requests).Uri.AbsolutePath);
    }

    [Fact]
    public async Task GetBalanceAsync_Documented_Parsed()
    {
        var handler = new StubHandler().Then(HttpStatusCode.OK, """{"success":true,"remain_balance":10.5,"used_balance":2.3,"unlimited_quota":false}""");

        var balance = await TestClients.Create(handler).GetBalanceAsync();

        Assert.Equal(new Balance.AccountBalance(10.5m, 2.3m, false), balance);
    }

    [Fact]
    public async Task GetBalanceAsync_SuccessFalse_IsAnError()
    {
        var handler = new StubHandler().Then(HttpStatusCode.OK, """{"success":false,"message":"token expired"}""");

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler).GetBalanceAsync());

        Assert.Equal("token expired", ex.ProviderMessage);
        Assert.Contains("token expired", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllErrors_NeverContainTheKey()
    {
        var answers = new (HttpStatusCode, string)[]
        {
            (HttpStatusCode.Unauthorized, ProviderBodies.Error(401, "authentication_error", "bad key")),
            (HttpStatusCode.BadRequest, "not json at all"),
            (HttpStatusCode.InternalServerError, ""),
            (HttpStatusCode.OK, "{"),
        };
        foreach (var (status, body) in answers)
        {
            var handler = new StubHandler().Otherwise(status, body);
            var client = TestClients.Create(handler, edit: o => o.ReadRetries = 0);

            var submit = await Assert.ThrowsAnyAsync<Exception>(() => client.SubmitAsync(Request));
            var read = await Assert.ThrowsAnyAsync<Exception>(() => client.GetTaskAsync("task_1"));
            var balance = await Assert.ThrowsAnyAsync<Exception>(() => client.GetBalanceAsync());

            foreach (var ex in new[] { submit, read, balance })
            {
                Assert.DoesNotContain(TestClients.ApiKey, ex.ToString(), StringComparison.Ordinal);
                Assert.DoesNotContain("SECRET", ex.ToString(), StringComparison.Ordinal);
            }
        }
    }
}
