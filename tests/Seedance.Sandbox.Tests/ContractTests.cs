using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Seedance.Client;
using Seedance.Client.Errors;
using Seedance.Client.Polling;
using Seedance.Client.Requests;
using Seedance.Client.Tasks;
using Seedance.Testing;

namespace Seedance.Sandbox.Tests;

/// <summary>The client core against the sandbox over real HTTP on loopback.</summary>
public sealed class ContractTests
{
    private static readonly VideoGenerationRequest Request = new()
    {
        Prompt = "a cat surfing a wave at sunset",
        Duration = 10,
        Size = VideoSizes.Portrait9x16,
        GenerateAudio = true,
        ReturnLastFrame = true,
    };

    [Fact]
    public async Task FullFlow_SubmitPollCompleteDownload_RealMp4AndPng()
    {
        await using var f = await SandboxFixture.StartAsync();
        var snapshots = new List<SeedanceTask>();

        var submitted = await f.Client.SubmitAsync(Request);
        var wait = f.Client.WaitForCompletionAsync(submitted.TaskId, new WaitOptions { SubmittedAt = submitted.SubmittedAt },
            new Collect(snapshots));
        await f.AdvanceUntilDoneAsync(wait, TimeSpan.FromSeconds(1));
        var done = await wait;

        Assert.StartsWith("task_01", submitted.TaskId, StringComparison.Ordinal);
        Assert.Equal(SeedanceTaskState.Succeeded, done.State);
        Assert.Equal(100, done.Progress);
        Assert.Equal(done.CompletedAt!.Value.AddHours(72), done.ExpiresAt);
        Assert.Equal(10 * 0.1952m, done.Cost); // the published 720p price per second, charged on completion
        Assert.True(snapshots.Count <= 12, $"{snapshots.Count} status calls");
        Assert.Contains(snapshots, s => s.State == SeedanceTaskState.Running && s.Progress is > 0 and < 100);
        Assert.Equal(1, f.Sandbox.Counters.TasksCreated);
        Assert.Equal(snapshots.Count, f.Sandbox.Counters.StatusCalls);

        var video = await f.Raw.GetByteArrayAsync(done.VideoUrl);
        var frame = await f.Raw.GetByteArrayAsync(done.LastFrameUrl);
        Assert.True(video.Length > 1000);
        Assert.Equal("ftyp"u8.ToArray(), video[4..8]);
        Assert.Equal("image/png", Client.Uploads.ImageFormat.Detect(frame));
        await AssertFfprobeReadsAsync(video);

        var sent = JsonDocument.Parse(Assert.Single(f.Sandbox.ReceivedSubmitBodies)).RootElement;
        Assert.Equal(10, sent.GetProperty("duration").GetInt32());
        Assert.Equal("9:16", sent.GetProperty("size").GetString());
        Assert.True(sent.GetProperty("generate_audio").GetBoolean());
        Assert.Equal(100m - (10 * 0.1952m), (await f.Client.GetBalanceAsync()).Remaining);
    }

    [Fact]
    public async Task Status_MovesFromPendingThroughProcessingToCompleted()
    {
        await using var f = await SandboxFixture.StartAsync();
        var id = (await f.Client.SubmitAsync(Request)).TaskId;

        var first = await f.Client.GetTaskAsync(id);
        f.Time.Advance(TimeSpan.FromSeconds(45));
        var middle = await f.Client.GetTaskAsync(id);
        f.Time.Advance(TimeSpan.FromSeconds(46));
        var last = await f.Client.GetTaskAsync(id);

        Assert.Equal(("pending", SeedanceTaskState.Queued, 0), (first.RawStatus, first.State, first.Progress));
        Assert.Equal(("processing", SeedanceTaskState.Running), (middle.RawStatus, middle.State));
        Assert.InRange(middle.Progress!.Value, 40, 60);
        Assert.Equal(TimeSpan.FromSeconds(90), middle.EstimatedTime);
        Assert.Equal(SeedanceTaskState.Succeeded, last.State);
    }

    [Fact]
    public async Task FailedTask_EndsFailedWithProviderReason()
    {
        await using var f = await SandboxFixture.StartAsync();
        f.Sandbox.Faults.Add("submit/fail");

        var id = (await f.Client.SubmitAsync(Request)).TaskId;
        var wait = f.Client.WaitForCompletionAsync(id);
        await f.AdvanceUntilDoneAsync(wait, TimeSpan.FromSeconds(1));
        var task = await wait;

        Assert.Equal(SeedanceTaskState.Failed, task.State);
        Assert.Equal("content_policy_violation", task.Error?.Code);
        Assert.Contains("fail", task.Error?.Message, StringComparison.Ordinal);
        Assert.Null(task.VideoUrl);
    }

    [Fact]
    public async Task FaultHeader_FailsOnlyThatRequestsTask()
    {
        await using var f = await SandboxFixture.StartAsync(clientHandler: new HeaderHandler("X-Sandbox-Fault", "fail"));

        var id = (await f.Client.SubmitAsync(Request)).TaskId;
        f.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(SeedanceTaskState.Failed, (await f.Client.GetTaskAsync(id)).State);
    }

    [Fact]
    public async Task StatusRateLimited_ReadsRetriedAfterRetryAfter()
    {
        await using var f = await SandboxFixture.StartAsync();
        var id = (await f.Client.SubmitAsync(Request)).TaskId;
        f.Sandbox.Faults.Add("status/429:2*2");

        var read = f.Client.GetTaskAsync(id);
        var waited = await f.AdvanceUntilDoneAsync(read, TimeSpan.FromSeconds(0.5));
        var task = await read;

        Assert.Equal(id, task.Id);
        Assert.Equal(3, f.Sandbox.Counters.StatusCalls);
        Assert.True(waited >= TimeSpan.FromSeconds(4), $"retried after {waited}");
    }

    [Theory]
    [InlineData("status/500*2")]
    [InlineData("status/502*3")]
    [InlineData("status/truncated")]
    [InlineData("status/malformed*2")]
    [InlineData("status/drop")]
    public async Task StatusFaults_WaitStillEndsWithTheVideo(string fault)
    {
        await using var f = await SandboxFixture.StartAsync();
        var submitted = await f.Client.SubmitAsync(Request);
        f.Sandbox.Faults.Add(fault);

        var wait = f.Client.WaitForCompletionAsync(submitted.TaskId, new WaitOptions { SubmittedAt = submitted.SubmittedAt });
        await f.AdvanceUntilDoneAsync(wait, TimeSpan.FromSeconds(1));
        var task = await wait;

        Assert.Equal(SeedanceTaskState.Succeeded, task.State);
        Assert.Equal(0, f.Sandbox.Faults.Pending);
        Assert.Equal(1, f.Sandbox.Counters.TasksCreated);
        Assert.Equal(1, f.Sandbox.Counters.SubmitsReceived);
    }

    [Theory]
    [InlineData("submit/500", false)]
    [InlineData("submit/502", false)]
    [InlineData("submit/drop", true)]
    [InlineData("submit/malformed", true)]
    [InlineData("submit/truncated", true)]
    public async Task SubmitFaults_ReplayedWithTheSameKey_ExactlyOneTask(string fault, bool createdByTheFirst)
    {
        await using var f = await SandboxFixture.StartAsync();
        f.Sandbox.Faults.Add(fault);

        var submit = f.Client.SubmitAsync(Request);
        await f.AdvanceUntilDoneAsync(submit, TimeSpan.FromMilliseconds(100));
        var submitted = await submit;

        Assert.Equal(2, f.Sandbox.Counters.SubmitsReceived);
        Assert.Equal(1, f.Sandbox.Counters.TasksCreated);
        Assert.Equal([submitted.TaskId], f.Sandbox.TaskIds);
        Assert.Equal(createdByTheFirst, submitted.Replayed);
        Assert.Equal(createdByTheFirst ? 1 : 0, f.Sandbox.Counters.Replays);
        Assert.Equal(2, submitted.Attempts);
        Assert.Equal(100m - 10 * 0.1952m, f.Sandbox.RemainingBalance); // charged once, at the published 720p price
    }

    [Theory]
    [InlineData("submit/500", 0)]
    [InlineData("submit/drop", 1)]
    [InlineData("submit/truncated", 1)]
    public async Task SubmitFaults_ReplayOff_SentOnceOutcomeUnknown(string fault, int tasksCreated)
    {
        await using var f = await SandboxFixture.StartAsync(client: o => o.ReplayUnsureSubmits = false);
        f.Sandbox.Faults.Add(fault);

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => f.Client.SubmitAsync(Request));

        Assert.Equal(SeedanceErrorKind.SubmitOutcomeUnknown, ex.Kind);
        Assert.False(ex.IsRetryable);
        Assert.Equal(1, f.Sandbox.Counters.SubmitsReceived);
        Assert.Equal(tasksCreated, f.Sandbox.Counters.TasksCreated);
        Assert.DoesNotContain(f.Sandbox.ApiKey, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitFaults_EveryAttemptDropped_StopsAtThreeWithOneTask()
    {
        await using var f = await SandboxFixture.StartAsync();
        f.Sandbox.Faults.Add("submit/drop*5");

        var submit = f.Client.SubmitAsync(Request);
        await f.AdvanceUntilDoneAsync(submit, TimeSpan.FromMilliseconds(100));
        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => submit);

        Assert.Equal(SeedanceErrorKind.SubmitOutcomeUnknown, ex.Kind);
        Assert.Equal(3, f.Sandbox.Counters.SubmitsReceived);
        Assert.Equal(1, f.Sandbox.Counters.TasksCreated);
        Assert.Equal(2, f.Sandbox.Counters.Replays);
    }

    [Fact]
    public async Task SubmitRateLimited_RetriedOnceAndOneTaskCreated()
    {
        await using var f = await SandboxFixture.StartAsync();
        f.Sandbox.Faults.Add("submit/429:1");

        var submit = f.Client.SubmitAsync(Request);
        await f.AdvanceUntilDoneAsync(submit, TimeSpan.FromSeconds(0.5));
        var submitted = await submit;

        Assert.Equal(2, f.Sandbox.Counters.SubmitsReceived);
        Assert.Equal(1, f.Sandbox.Counters.TasksCreated);
        Assert.Equal([submitted.TaskId], f.Sandbox.TaskIds);
    }

    [Fact]
    public async Task SlowStatus_TimedOutThenRetried()
    {
        await using var sandbox = await SeedanceSandbox.StartAsync(new SandboxOptions());
        var client = SeedanceClient.Create(new SeedanceClientOptions
        {
            ApiKey = sandbox.ApiKey,
            BaseUrl = sandbox.BaseUrl,
            RequestTimeout = TimeSpan.FromMilliseconds(300),
            ReadRetryBaseDelay = TimeSpan.FromMilliseconds(1),
        });
        var id = (await client.SubmitAsync(Request)).TaskId;
        sandbox.Faults.Add("status/latency:2000");

        var clock = Stopwatch.StartNew();
        var task = await client.GetTaskAsync(id);

        Assert.Equal(id, task.Id);
        Assert.Equal(2, sandbox.Counters.StatusCalls);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}: the slow answer was awaited instead of abandoned");
    }

    [Fact]
    public async Task SlowSubmit_TimedOutThenReplayed_OneTask()
    {
        await using var sandbox = await SeedanceSandbox.StartAsync(new SandboxOptions());
        var client = SeedanceClient.Create(new SeedanceClientOptions
        {
            ApiKey = sandbox.ApiKey,
            BaseUrl = sandbox.BaseUrl,
            RequestTimeout = TimeSpan.FromMilliseconds(300),
            ReadRetryBaseDelay = TimeSpan.FromMilliseconds(10),
        });
        sandbox.Faults.Add("submit/latency:1500");

        var submitted = await client.SubmitAsync(Request);

        // The slow server created the task (unless the client gave up before the body arrived, under load): a new key
        // would have paid twice; the same key finds it.
        Assert.Equal(sandbox.Counters.Replays == 1, submitted.Replayed);
        Assert.Equal(2, sandbox.Counters.SubmitsReceived);
        Assert.Equal(1, sandbox.Counters.TasksCreated);
        Assert.Equal([submitted.TaskId], sandbox.TaskIds);
    }

    [Fact]
    public async Task FarOffEstimate_CompletionStillDetectedPromptly()
    {
        await using var f = await SandboxFixture.StartAsync(s => s.EstimateFactor = 8);
        var submitted = await f.Client.SubmitAsync(Request);

        var wait = f.Client.WaitForCompletionAsync(submitted.TaskId, new WaitOptions { SubmittedAt = submitted.SubmittedAt });
        var moved = await f.AdvanceUntilDoneAsync(wait, TimeSpan.FromSeconds(0.5));
        var task = await wait;

        Assert.Equal(TimeSpan.FromSeconds(720), task.EstimatedTime);
        Assert.Equal(SeedanceTaskState.Succeeded, task.State);
        Assert.True(moved <= TimeSpan.FromSeconds(96), $"completion at 90 s seen at {moved}");
    }

    [Fact]
    public async Task ObjectSubmitShape_Understood()
    {
        await using var f = await SandboxFixture.StartAsync(s => s.ObjectSubmitShape = true);

        var submitted = await f.Client.SubmitAsync(Request);

        Assert.Equal([submitted.TaskId], f.Sandbox.TaskIds);
    }

    [Fact]
    public async Task WrongKey_AuthenticationError()
    {
        await using var f = await SandboxFixture.StartAsync(client: o => o.ApiKey = "sk-wrong");

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => f.Client.SubmitAsync(Request));

        Assert.Equal(SeedanceErrorKind.Authentication, ex.Kind);
        Assert.Equal("authentication_error", ex.ErrorType);
        Assert.Equal(0, f.Sandbox.Counters.SubmitsReceived);
        Assert.DoesNotContain("sk-wrong", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownTask_TaskNotFound()
    {
        await using var f = await SandboxFixture.StartAsync();

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => f.Client.GetTaskAsync("task_01NOSUCHTASK"));

        Assert.Equal(SeedanceErrorKind.TaskNotFound, ex.Kind);
        Assert.Equal("invalid_request_error", ex.ErrorType);
    }

    [Fact]
    public async Task InsufficientBalance_PaymentRequiredAndNothingCreated()
    {
        await using var f = await SandboxFixture.StartAsync(s => s.StartingBalance = 0.05m);

        var ex = await Assert.ThrowsAsync<SeedanceApiException>(() => f.Client.SubmitAsync(Request));

        Assert.Equal(SeedanceErrorKind.PaymentRequired, ex.Kind);
        Assert.Equal(0, f.Sandbox.Counters.TasksCreated);
        Assert.Equal(0.05m, (await f.Client.GetBalanceAsync()).Remaining);
    }

    [Fact]
    public async Task Upload_ImageServedBackByItsUrl()
    {
        await using var f = await SandboxFixture.StartAsync();
        var png = await DownloadLastFrameAsync(f);

        var uploaded = await f.Client.UploadImageAsync(new MemoryStream(png), "frame.png");
        var served = await f.Raw.GetByteArrayAsync(uploaded.Url);

        Assert.Equal(png, served);
        Assert.Equal("image/png", uploaded.ContentType);
        Assert.Equal(png.Length, uploaded.Bytes);
        Assert.Equal(1, f.Sandbox.Counters.Uploads);
    }

    [Fact]
    public async Task Upload_NotAnImage_SandboxRefusesToo()
    {
        await using var f = await SandboxFixture.StartAsync();
        using var form = new MultipartFormDataContent { { new ByteArrayContent("hello"u8.ToArray()), "file", "a.png" } };

        var response = await f.Raw.PostAsync(new Uri("/v1/uploads/images", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JPEG, PNG, WebP or GIF", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"doubao-seedance-2.0","prompt":"x","duration":"5"}""", "duration must be an integer")]
    [InlineData("""{"model":"doubao-seedance-2.0","prompt":"x","generate_audio":"yes"}""", "generate_audio must be a boolean")]
    [InlineData("""{"prompt":"x"}""", "model is required")]
    [InlineData("""{"model":"doubao-seedance-2.0","prompt":"x","size":"16x9"}""", "size: unknown aspect ratio")]
    [InlineData("""{"model":"doubao-seedance-2.0","prompt":"x","image_urls":["a"],"image_with_roles":[]}""", "image_urls[0]")]
    [InlineData("not json", "not valid JSON")]
    public async Task Submit_InvalidBody_400WithReadableMessage(string body, string expected)
    {
        await using var f = await SandboxFixture.StartAsync();

        var response = await f.Raw.PostAsync(new Uri("/v1/videos/generations", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        var envelope = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", envelope.GetProperty("type").GetString());
        Assert.Contains(expected, envelope.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, f.Sandbox.Counters.TasksCreated);
    }

    [Fact]
    public async Task BadFaultHeader_400NamesTheHeader()
    {
        await using var f = await SandboxFixture.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/balance");
        request.Headers.Add("X-Sandbox-Fault", "explode");

        var response = await f.Raw.SendAsync(request);

        var message = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("message").GetString();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-Sandbox-Fault", message, StringComparison.Ordinal);
        Assert.Contains("unknown kind 'explode'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultUrls_ExpireAfterTheResultLifetime72HoursByDefault()
    {
        await using var f = await SandboxFixture.StartAsync();
        var id = (await f.Client.SubmitAsync(Request)).TaskId;
        f.Time.Advance(TimeSpan.FromMinutes(2));
        var task = await f.Client.GetTaskAsync(id);

        Assert.Equal(task.CompletedAt!.Value.AddHours(72), task.ExpiresAt);
        f.Time.Advance(TimeSpan.FromHours(71));
        Assert.Equal(HttpStatusCode.OK, (await f.Raw.GetAsync(task.VideoUrl)).StatusCode);
        f.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.NotFound, (await f.Raw.GetAsync(task.VideoUrl)).StatusCode);
    }

    [Fact]
    public async Task Stats_ReadableOverHttp()
    {
        await using var f = await SandboxFixture.StartAsync();
        await f.Client.SubmitAsync(Request);

        var stats = JsonDocument.Parse(await f.Raw.GetStringAsync("/_sandbox/stats")).RootElement;

        Assert.Equal(1, stats.GetProperty("tasks_created").GetInt32());
        Assert.Equal(1, stats.GetProperty("submits_received").GetInt32());
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://192.168.1.10:0")]
    public async Task Start_NonLoopbackAddress_Refused(string url)
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => SeedanceSandbox.StartAsync(new SandboxOptions { Url = url }));

        Assert.Contains("loopback", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<byte[]> DownloadLastFrameAsync(SandboxFixture f)
    {
        var id = (await f.Client.SubmitAsync(Request)).TaskId;
        f.Time.Advance(TimeSpan.FromMinutes(2));
        return await f.Raw.GetByteArrayAsync((await f.Client.GetTaskAsync(id)).LastFrameUrl);
    }

    /// <summary>When ffprobe is installed (CI installs it), it must read the served clip as a video with a duration.</summary>
    private static async Task AssertFfprobeReadsAsync(byte[] video)
    {
        var ffprobe = RequiredPrograms.Find("ffprobe");
        if (ffprobe is null)
        {
            // CI installs ffmpeg, so there the check must run; elsewhere the structural check above stands alone.
            Assert.NotEqual("1", Environment.GetEnvironmentVariable(RequiredPrograms.RequireAllVariable));
            return;
        }

        var path = Path.Combine(Path.GetTempPath(), $"seedance-sandbox-{Guid.NewGuid():N}.mp4");
        await File.WriteAllBytesAsync(path, video);
        try
        {
            var start = new ProcessStartInfo(ffprobe, ["-v", "error", "-show_entries", "stream=codec_type", "-of", "csv=p=0", path])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.Equal(0, process.ExitCode);
            Assert.Contains("video", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class Collect(List<SeedanceTask> into) : IProgress<SeedanceTask>
    {
        public void Report(SeedanceTask value) => into.Add(value);
    }

    private sealed class HeaderHandler : DelegatingHandler
    {
        private readonly string _name;
        private readonly string _value;

        public HeaderHandler(string name, string value)
        {
            _name = name;
            _value = value;
            InnerHandler = new SocketsHttpHandler();
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add(_name, _value);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
