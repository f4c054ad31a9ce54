using System.Net;
using Microsoft.Extensions.Time.Testing;
using Seedance.Client.Errors;
using Seedance.Client.Requests;
using Seedance.Client.Tests.Infrastructure;

namespace Seedance.Client.Tests.Http;

/// <summary>One pipeline, one timeout: reads are retried, POSTs are sent once, and the deadline covers the whole answer.</summary>
public sealed class TimeoutAndRetryTests
{
    private static readonly VideoGenerationRequest Request = new() { Prompt = "a cat surfing" };
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    [Fact]
    public async Task GetTaskAsync_NoAnswerInTime_RetriedThenAnswered()
    {
        var handler = new StubHandler().Hangs().Then(HttpStatusCode.OK, ProviderBodies.Running("task_1", 30));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = TestClients.Create(handler, time, o => o.RequestTimeout = TimeSpan.FromSeconds(20));

        var call = client.GetTaskAsync("task_1");
        var waited = await TestClients.AdvanceUntilDoneAsync(time, call, TimeSpan.FromSeconds(5));
        var task = await call;

        Assert.Equal(30, task.Progress);
        Assert.Equal(2, handler.Count(HttpMethod.Get));
        Assert.True(waited >= TimeSpan.FromSeconds(20), $"gave up after {waited}");
    }

    [Fact]
    public async Task GetTaskAsync_NoAnswerEver_TimeoutAfterRetries()
    {
        var handler = new StubHandler().Hangs().Hangs().Hangs();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = TestClients.Create(handler, time, o => { o.RequestTimeout = TimeSpan.FromSeconds(10); o.ReadRetries = 2; });

        var call = client.GetTaskAsync("task_1");
        await TestClients.AdvanceUntilDoneAsync(time, call, TimeSpan.FromSeconds(5));
        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => call);

        Assert.Equal(SeedanceErrorKind.Timeout, ex.Kind);
        Assert.Equal(3, handler.Count(HttpMethod.Get));
    }

    [Fact]
    public async Task GetTaskAsync_BodyStallsAfterHeaders_AttemptTimeoutCoversItAndRetries()
    {
        var handler = new StubHandler().Then(StallingStream.Answer(HttpStatusCode.OK, "{\"code\":200,", breaks: false))
            .Then(HttpStatusCode.OK, ProviderBodies.Running("task_1", 60));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = TestClients.Create(handler, time, o => o.RequestTimeout = TimeSpan.FromSeconds(20));

        var call = client.GetTaskAsync("task_1");
        await TestClients.AdvanceUntilDoneAsync(time, call, TimeSpan.FromSeconds(5));

        Assert.Equal(60, (await call).Progress);
        Assert.Equal(2, handler.Count(HttpMethod.Get));
    }

    [Fact]
    public async Task GetTaskAsync_BodyCutOff_Retried()
    {
        var handler = new StubHandler().Then(StallingStream.Answer(HttpStatusCode.OK, "{\"code\":200,", breaks: true))
            .Then(HttpStatusCode.OK, ProviderBodies.Running("task_1", 70));

        var task = await TestClients.Create(handler).GetTaskAsync("task_1");

        Assert.Equal(70, task.Progress);
        Assert.Equal(2, handler.Count(HttpMethod.Get));
    }

    [Fact]
    public async Task GetBalanceAsync_BodyAlwaysCutOff_NetworkErrorSayingSo()
    {
        var handler = new StubHandler().Otherwise(StallingStream.Answer(HttpStatusCode.OK, "{\"success\":", breaks: true));

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler, edit: o => o.ReadRetries = 1).GetBalanceAsync());

        Assert.Equal(SeedanceErrorKind.Network, ex.Kind);
        Assert.Contains("was cut off", ex.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Equal(2, handler.Count(HttpMethod.Get));
    }

    [Fact]
    public async Task SubmitAsync_BodyStallsAfterHeadersReplayOff_OutcomeUnknownSentOnce()
    {
        var handler = new StubHandler().Then(StallingStream.Answer(HttpStatusCode.OK, "{\"code\":200,", breaks: false))
            .Otherwise(HttpStatusCode.OK, ProviderBodies.SubmitArray);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = TestClients.Create(handler, time, o => { o.RequestTimeout = TimeSpan.FromSeconds(30); o.ReplayUnsureSubmits = false; });

        var call = client.SubmitAsync(Request);
        await TestClients.AdvanceUntilDoneAsync(time, call, TimeSpan.FromSeconds(5));
        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => call);

        Assert.Equal(SeedanceErrorKind.SubmitOutcomeUnknown, ex.Kind);
        Assert.Contains("did not answer in time", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.Count(HttpMethod.Post));
    }

    [Fact]
    public async Task SubmitAsync_BodyCutOffReplayOff_OutcomeUnknownSentOnce()
    {
        var handler = new StubHandler().Then(StallingStream.Answer(HttpStatusCode.OK, "{\"code\":200,", breaks: true))
            .Otherwise(HttpStatusCode.OK, ProviderBodies.SubmitArray);

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler, edit: o => o.ReplayUnsureSubmits = false).SubmitAsync(Request));

        Assert.Equal(SeedanceErrorKind.SubmitOutcomeUnknown, ex.Kind);
        Assert.Contains("the answer was cut off", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.Count(HttpMethod.Post));
    }

    [Fact]
    public async Task SubmitAsync_RequestTimeoutStatusReplayOff_NotRetried()
    {
        var handler = new StubHandler().Otherwise(HttpStatusCode.RequestTimeout, ProviderBodies.Error(408, "timeout"));

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler, edit: o => o.ReplayUnsureSubmits = false).SubmitAsync(Request));

        Assert.Equal(SeedanceErrorKind.SubmitOutcomeUnknown, ex.Kind);
        Assert.Equal(1, handler.Count(HttpMethod.Post));
    }

    [Fact]
    public async Task UploadImageAsync_NoAnswerInTime_TimeoutSentOnce()
    {
        var handler = new StubHandler().Hangs().Otherwise(HttpStatusCode.OK, "{}");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = TestClients.Create(handler, time, o => o.RequestTimeout = TimeSpan.FromSeconds(15));

        var call = client.UploadImageAsync(new MemoryStream(Png), "cat.png");
        await TestClients.AdvanceUntilDoneAsync(time, call, TimeSpan.FromSeconds(5));
        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => call);

        Assert.Equal(SeedanceErrorKind.Timeout, ex.Kind);
        Assert.Equal(1, handler.Count(HttpMethod.Post));
    }

    [Fact]
    public async Task UploadImageAsync_ConnectionDropped_NotRetried()
    {
        var handler = new StubHandler().Throws(new HttpRequestException(HttpRequestError.ResponseEnded, "dropped"))
            .Otherwise(HttpStatusCode.OK, "{}");

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => TestClients.Create(handler).UploadImageAsync(new MemoryStream(Png), "cat.png"));

        Assert.Equal(SeedanceErrorKind.Network, ex.Kind);
        Assert.Equal(1, handler.Count(HttpMethod.Post));
    }
}
