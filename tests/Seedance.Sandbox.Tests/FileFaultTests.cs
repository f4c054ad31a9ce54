using System.Net;
using System.Text.Json;
using Seedance.Client.Errors;
using Seedance.Client.Requests;
using Seedance.Client.Tasks;

namespace Seedance.Sandbox.Tests;

/// <summary>Result files: Range for resuming, and the spoiled downloads a saver must survive; echo-key for redaction.</summary>
public sealed class FileFaultTests
{
    private static readonly VideoGenerationRequest Request = new() { Prompt = "a cat surfing", ReturnLastFrame = true };

    [Fact]
    public async Task Range_FromOffset_206WithTheRest()
    {
        await using var f = await SandboxFixture.StartAsync();
        var url = await FinishedVideoUrlAsync(f);
        var whole = await f.Raw.GetByteArrayAsync(url);

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new(1000, null);
        using var response = await f.Raw.SendAsync(request);
        var rest = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(whole[1000..], rest);
        Assert.Equal($"bytes 1000-{whole.Length - 1}/{whole.Length}", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task Range_OnLargeSyntheticVideo_ResumesWhereTheFirstPartEnded()
    {
        const long size = 3L * 1024 * 1024 + 17;
        await using var f = await SandboxFixture.StartAsync(s => s.VideoSizeBytes = size);
        var url = await FinishedVideoUrlAsync(f);

        using var head = new HttpRequestMessage(HttpMethod.Get, url);
        head.Headers.Range = new(0, 999_999);
        using var first = await f.Raw.SendAsync(head);
        var part1 = await first.Content.ReadAsByteArrayAsync();
        using var tail = new HttpRequestMessage(HttpMethod.Get, url);
        tail.Headers.Range = new(part1.Length, null);
        using var second = await f.Raw.SendAsync(tail);
        var part2 = await second.Content.ReadAsByteArrayAsync();
        var whole = await f.Raw.GetByteArrayAsync(url);

        Assert.Equal(1_000_000, part1.Length);
        Assert.Equal(size, whole.LongLength);
        Assert.Equal(whole, part1.Concat(part2).ToArray());
        Assert.Equal("ftyp"u8.ToArray(), whole[4..8]);
    }

    [Fact]
    public async Task Range_PastTheEnd_416()
    {
        await using var f = await SandboxFixture.StartAsync();
        var url = await FinishedVideoUrlAsync(f);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new(10_000_000, null);

        using var response = await f.Raw.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
    }

    [Fact]
    public async Task Throttle_StreamsAtTheRateOnTheSandboxClock_AndWithRange()
    {
        await using var f = await SandboxFixture.StartAsync(s => s.VideoSizeBytes = 40_000);
        var url = await FinishedVideoUrlAsync(f);
        var whole = await f.Raw.GetByteArrayAsync(url);
        f.Sandbox.Faults.Add("files/throttle:10000");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new(20_000, null);

        var download = f.Raw.SendAsync(request).ContinueWith(t => t.Result.Content.ReadAsByteArrayAsync(), TaskScheduler.Default).Unwrap();
        var moved = await f.AdvanceUntilDoneAsync(download, TimeSpan.FromMilliseconds(100));

        // 20 000 bytes at 10 000 B/s: 1 000-byte chunks every 100 ms of the sandbox's clock.
        Assert.Equal(whole[20_000..], await download);
        Assert.InRange(moved, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Stall_HeadersThenNothingUntilTheClientGivesUp()
    {
        await using var f = await SandboxFixture.StartAsync();
        var url = await FinishedVideoUrlAsync(f);
        f.Sandbox.Faults.Add("files/stall:100");

        using var response = await f.Raw.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[4096];
        var got = 0;
        while (got < 100)
        {
            got += await body.ReadAsync(buffer.AsMemory(got));
        }

        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var more = body.ReadAsync(buffer.AsMemory(got), giveUp.Token).AsTask();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SandboxMedia.Length, response.Content.Headers.ContentLength);
        Assert.Equal(100, got);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => more);
    }

    [Theory]
    [InlineData("files/html", "text/html", false)]
    [InlineData("files/empty", "video/mp4", true)]
    public async Task SpoiledBody_200ButNotTheVideo(string fault, string contentType, bool empty)
    {
        await using var f = await SandboxFixture.StartAsync();
        var url = await FinishedVideoUrlAsync(f);
        f.Sandbox.Faults.Add(fault);

        using var response = await f.Raw.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(empty, bytes.Length == 0);
        Assert.NotEqual("ftyp"u8.ToArray(), bytes.Length >= 8 ? bytes[4..8] : bytes);
        Assert.Equal(SandboxMedia.Length, (await f.Raw.GetByteArrayAsync(url)).Length);
    }

    [Fact]
    public async Task RedirectFile_302ToFileScheme()
    {
        await using var f = await SandboxFixture.StartAsync();
        var url = await FinishedVideoUrlAsync(f);
        f.Sandbox.Faults.Add("files/redirect-file");
        using var raw = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var response = await raw.GetAsync(url);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(new Uri("file:///etc/passwd"), response.Headers.Location);
    }

    [Fact]
    public async Task FileFaults_NotTakenByProviderEndpoints()
    {
        await using var f = await SandboxFixture.StartAsync();
        f.Sandbox.Faults.Add("files/html,stall");

        var submitted = await f.Client.SubmitAsync(Request);
        f.Time.Advance(TimeSpan.FromMinutes(2));
        var task = await f.Client.GetTaskAsync(submitted.TaskId);

        Assert.Equal(SeedanceTaskState.Succeeded, task.State);
        Assert.Equal(2, f.Sandbox.Faults.Pending);
    }

    [Theory]
    [InlineData("submit/echo-key", HttpStatusCode.InternalServerError)]
    [InlineData("balance/echo-key:401", HttpStatusCode.Unauthorized)]
    public async Task EchoKey_ErrorEnvelopeEchoesTheAuthorizationHeader(string fault, HttpStatusCode status)
    {
        await using var f = await SandboxFixture.StartAsync();
        f.Sandbox.Faults.Add(fault);
        var path = fault.StartsWith("submit", StringComparison.Ordinal) ? "/v1/videos/generations" : "/v1/balance";
        using var request = new HttpRequestMessage(path.Contains("videos", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get, path);

        using var response = await f.Raw.SendAsync(request);
        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("message").GetString();

        Assert.Equal(status, response.StatusCode);
        Assert.Contains($"Authorization: Bearer {f.Sandbox.ApiKey}", message, StringComparison.Ordinal);
        Assert.Equal(0, f.Sandbox.Counters.TasksCreated);
    }

    [Fact]
    public async Task EchoKey_OnStatus_TaskFailsEchoingIt_ClientRedacts()
    {
        await using var f = await SandboxFixture.StartAsync();
        var id = (await f.Client.SubmitAsync(Request)).TaskId;
        f.Sandbox.Faults.Add("status/echo-key");

        var failed = await f.Client.GetTaskAsync(id);
        var later = await f.Client.GetTaskAsync(id);
        using var raw = await f.Raw.GetAsync(new Uri("/v1/tasks/" + id, UriKind.Relative));
        var rawText = await raw.Content.ReadAsStringAsync();

        Assert.Equal(SeedanceTaskState.Failed, failed.State);
        Assert.Equal(SeedanceTaskState.Failed, later.State);
        Assert.Contains($"Bearer {f.Sandbox.ApiKey}", rawText, StringComparison.Ordinal);
        Assert.Contains("Bearer [redacted]", failed.Error?.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(f.Sandbox.ApiKey, failed.Raw.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EchoKey_OnSubmit_ClientReplaysAndNeverShowsTheKey()
    {
        await using var f = await SandboxFixture.StartAsync(client: o => o.MaxSubmitAttempts = 1);
        f.Sandbox.Faults.Add("submit/echo-key");

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => f.Client.SubmitAsync(Request));

        Assert.Equal(SeedanceErrorKind.SubmitOutcomeUnknown, ex.Kind);
        Assert.DoesNotContain(f.Sandbox.ApiKey, ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("[redacted]", ex.ProviderMessage, StringComparison.Ordinal);
    }

    private static async Task<string> FinishedVideoUrlAsync(SandboxFixture f)
    {
        var id = (await f.Client.SubmitAsync(Request)).TaskId;
        f.Time.Advance(TimeSpan.FromMinutes(2));
        return (await f.Client.GetTaskAsync(id)).VideoUrl!;
    }

    private static class SandboxMedia
    {
        public static long Length => Seedance.Sandbox.Media.SandboxMedia.Mp4.Length;
    }
}
