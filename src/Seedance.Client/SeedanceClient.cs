using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Seedance.Client.Balance;
using Seedance.Client.Errors;
using Seedance.Client.Http;
using Seedance.Client.Models;
using Seedance.Client.Polling;
using Seedance.Client.Requests;
using Seedance.Client.Serialization;
using Seedance.Client.Tasks;
using Seedance.Client.Uploads;
using Seedance.Client.Validation;

namespace Seedance.Client;

/// <summary>
/// The client for Seedance 2.0 video generation through the APIMart API: validate, submit, read status, wait,
/// upload images, read the balance. Thread-safe; every method is virtual so it can be mocked.
/// </summary>
public class SeedanceClient
{
    private const string GenerationsPath = "/v1/videos/generations";
    private const string UploadPath = "/v1/uploads/images";
    private const string BalancePath = "/v1/balance";
    private const string ModelsPath = "/v1/models";
    private const string ModelSchemaPath = "/v1/model-schema";
    private const string PricingPath = "/api/pricing/model";

    /// <summary>How long past <see cref="WaitOptions.MaxWait"/> a status call may still run before the last snapshot is returned instead.</summary>
    private static readonly TimeSpan LastLookAllowance = TimeSpan.FromSeconds(5);

    private readonly ProviderTransport _transport;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>For mocking frameworks only.</summary>
    protected SeedanceClient()
    {
        _transport = null!;
        _time = TimeProvider.System;
        _logger = NullLogger.Instance;
        Validator = new RequestValidator();
        Schedule = new PollingSchedule();
    }

    /// <summary>
    /// Creates a client over <paramref name="httpClient"/>, which should carry the handlers from
    /// <see cref="SeedanceResilience.CreateHandler(SeedanceClientOptions, TimeProvider, HttpMessageHandler)"/> (the DI registration and
    /// <see cref="Create"/> add them): they own retries of reads and the timeout of every call.
    /// Throws <see cref="SeedanceConfigurationException"/> when <paramref name="options"/> are not usable.
    /// </summary>
    public SeedanceClient(HttpClient httpClient, SeedanceClientOptions options, TimeProvider? timeProvider = null, ILogger<SeedanceClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new SeedanceConfigurationException(problems);
        }

        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _transport = new ProviderTransport(httpClient, options, _time, _logger);
        HasApiKey = !string.IsNullOrWhiteSpace(options.ApiKey);
        Validator = new RequestValidator(new LiveModelCatalog(options.BuildCatalog()));
        Schedule = new PollingSchedule(options.Polling);
    }

    /// <summary>
    /// Creates a stand-alone client with its own connection pool and the standard retry handler.
    /// <paramref name="innerHandler"/> replaces the network handler (tests, proxies).
    /// </summary>
    public static SeedanceClient Create(SeedanceClientOptions options, TimeProvider? timeProvider = null,
        HttpMessageHandler? innerHandler = null, ILogger<SeedanceClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = SeedanceResilience.CreateHandler(options, timeProvider, innerHandler ?? CreatePrimaryHandler());
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        return new SeedanceClient(http, options, timeProvider, logger);
    }

    /// <summary>The network handler the client uses by default: pooled connections, refreshed every few minutes.</summary>
    public static HttpMessageHandler CreatePrimaryHandler() => new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.All,
        ConnectTimeout = TimeSpan.FromSeconds(15),
    };

    /// <summary>Whether a key is set: the provider's model facts are read only then.</summary>
    public virtual bool HasApiKey { get; }

    /// <summary>The validator applied before every submit.</summary>
    public virtual RequestValidator Validator { get; }

    /// <summary>The models this client accepts, as they are now (the provider's facts, once read, win over the shipped ones).</summary>
    public virtual ModelCatalog Catalog => Validator.Catalog;

    /// <summary>The catalogue this client follows; <see cref="LiveModelCatalog.Replace"/> puts the provider's facts in force.</summary>
    public virtual LiveModelCatalog Models => Validator.Models;

    /// <summary>The polling schedule used by <see cref="WaitForCompletionAsync"/>.</summary>
    public virtual PollingSchedule Schedule { get; }

    /// <summary>The API root this client calls.</summary>
    public virtual Uri BaseUrl => _transport?.ApiRoot ?? SeedanceClientOptions.DefaultBaseUrl;

    /// <summary>
    /// Validates <paramref name="request"/>, normalizes it (empty lists and a blank prompt become absent) and serializes
    /// it once. Throws <see cref="SeedanceValidationException"/> when a rule is broken. Nothing is sent.
    /// </summary>
    /// <param name="request">The generation request.</param>
    /// <param name="idempotencyKey">The <c>Idempotency-Key</c> to send; a new one is made when null.</param>
    public virtual PreparedSubmission Prepare(VideoGenerationRequest request, string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var validation = Validator.Validate(request);
        validation.ThrowIfInvalid();
        return PrepareValidated(request, validation.Warnings, idempotencyKey);
    }

    /// <summary>
    /// Normalizes and serializes a request that <see cref="Validator"/> has already passed, without checking it again: a
    /// caller that validates once (to list the request's problems beside its own) prepares the body with this. A request
    /// that was not validated may be refused by the provider instead.
    /// </summary>
    /// <param name="request">The generation request, already validated.</param>
    /// <param name="warnings">The validation's warnings, kept on the submission.</param>
    /// <param name="idempotencyKey">The <c>Idempotency-Key</c> to send; a new one is made when null.</param>
    public virtual PreparedSubmission PrepareValidated(VideoGenerationRequest request, IReadOnlyList<Violation>? warnings = null,
        string? idempotencyKey = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        // A model known by two ids is sent under the one the provider lists.
        if (Catalog.TryGet(request.Model, out var model) && !string.Equals(model.Name, request.Model, StringComparison.Ordinal))
        {
            request = request with { Model = model.Name };
        }

        var normalized = PreparedSubmission.Normalize(request);
        return new PreparedSubmission(normalized, SeedanceJson.SerializeRequest(normalized),
            idempotencyKey ?? Guid.NewGuid().ToString("N"), warnings ?? []);
    }

    /// <summary>
    /// Validates <paramref name="request"/> and submits it; the same as <c>SubmitAsync(Prepare(request, idempotencyKey))</c>.
    /// Throws <see cref="SeedanceValidationException"/> before anything is sent when a rule is broken.
    /// </summary>
    /// <param name="request">The generation request.</param>
    /// <param name="idempotencyKey">Sent as <c>Idempotency-Key</c>; a new one is made when null.</param>
    /// <param name="cancellationToken">Cancels the call (a submit already sent may still create a task).</param>
    public virtual async Task<SubmittedTask> SubmitAsync(VideoGenerationRequest request, string? idempotencyKey = null,
        CancellationToken cancellationToken = default) =>
        await SubmitAsync(Prepare(request, idempotencyKey), cancellationToken);

    /// <summary>
    /// Sends exactly <see cref="PreparedSubmission.Body"/> with its <see cref="PreparedSubmission.IdempotencyKey"/>; the same as
    /// <c>SubmitAsync(submission, null, cancellationToken)</c>.
    /// </summary>
    /// <param name="submission">What <see cref="Prepare"/> made (or <see cref="PreparedSubmission.Restore"/> rebuilt).</param>
    /// <param name="cancellationToken">Cancels the call (a submit already sent may still create a task).</param>
    public virtual Task<SubmittedTask> SubmitAsync(PreparedSubmission submission, CancellationToken cancellationToken = default) =>
        SubmitAsync(submission, null, cancellationToken);

    /// <summary>
    /// Sends exactly <see cref="PreparedSubmission.Body"/> with its <see cref="PreparedSubmission.IdempotencyKey"/>. When the
    /// outcome is unsure (timeout, 5xx, dropped connection, cut or unreadable answer, no task id) the identical request is
    /// sent again with the same key, so the provider replays the task it may have created (see
    /// <see cref="SeedanceClientOptions.ReplayUnsureSubmits"/> and <see cref="SeedanceClientOptions.MaxSubmitAttempts"/>);
    /// a 429 is waited out and sent again; a 4xx refusal is final. Only when every attempt stays unsure, or the deadline
    /// leaves no room for another, a <see cref="SeedanceApiException"/> of kind <see cref="SeedanceErrorKind.SubmitOutcomeUnknown"/>
    /// is thrown: resend the same submission later to resolve it, never a new key.
    /// </summary>
    /// <param name="submission">What <see cref="Prepare"/> made (or <see cref="PreparedSubmission.Restore"/> rebuilt).</param>
    /// <param name="deadline">
    /// When the call must be over: each attempt gets at most the time left, and no replay or 429 wait starts that could not
    /// finish by then (a 429 that cannot be waited out throws <see cref="SeedanceErrorKind.RateLimited"/> at once). Null: no limit
    /// beyond <see cref="SeedanceClientOptions.RequestTimeout"/> per attempt.
    /// </param>
    /// <param name="cancellationToken">Cancels the call (a submit already sent may still create a task).</param>
    public virtual async Task<SubmittedTask> SubmitAsync(PreparedSubmission submission, DateTimeOffset? deadline,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var call = new ProviderCall(CallKind.Submit, GenerationsPath,
            Content: () => new StringContent(submission.Body, Encoding.UTF8, "application/json"),
            IdempotencyKey: submission.IdempotencyKey, Deadline: deadline, SettlesNothingCreated: submission.IsRefusedByItsRules);
        var answer = await _transport.SubmitAsync(call,
            response => new SeedanceApiException(SeedanceErrorKind.SubmitOutcomeUnknown,
                $"The provider accepted the submit to {GenerationsPath} but its answer holds no task id. The task may have been created.",
                response.Status, requestPath: GenerationsPath),
            cancellationToken);

        var request = submission.Request;
        if (answer.Replayed)
        {
            Log.SubmitReplayed(_logger, answer.TaskId);
        }

        Log.Submitted(_logger, answer.TaskId, request.Model, request.Duration, request.Size, request.Resolution);
        return new SubmittedTask(answer.TaskId, _time.GetUtcNow(), submission.Warnings) { Replayed = answer.Replayed, Attempts = answer.Attempts };
    }

    /// <summary>
    /// Reads a task's status. Transient failures (429, 5xx, timeouts) are retried with back-off; an unknown id
    /// throws <see cref="SeedanceApiException"/> of kind <see cref="SeedanceErrorKind.TaskNotFound"/>.
    /// </summary>
    public virtual Task<SeedanceTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        GetTaskAsync(taskId, null, cancellationToken);

    /// <summary>
    /// Reads a task's status, within <paramref name="deadline"/>: each attempt gets at most the time left, and no retry
    /// starts that could not finish by then (the last error is thrown instead; a timeout is <see cref="SeedanceErrorKind.Timeout"/>).
    /// Transient failures (429, 5xx, timeouts) are retried with back-off; an unknown id throws
    /// <see cref="SeedanceApiException"/> of kind <see cref="SeedanceErrorKind.TaskNotFound"/>.
    /// </summary>
    public virtual Task<SeedanceTask> GetTaskAsync(string taskId, DateTimeOffset? deadline, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        var path = "/v1/tasks/" + Uri.EscapeDataString(taskId.Trim());
        return _transport.CallAsync(new ProviderCall(CallKind.TaskLookup, path, Query: "?language=en", Deadline: deadline),
            root => ProviderResponses.ReadTask(root, taskId),
            response => new SeedanceApiException(SeedanceErrorKind.InvalidResponse,
                $"The provider's answer to {path} holds no task object. Retrying later may help.", response.Status, requestPath: path),
            cancellationToken);
    }

    /// <summary>
    /// Polls a task until it ends (or <see cref="WaitOptions.MaxWait"/> passes: a status call still unanswered 5 s after
    /// that is given up and the last snapshot returned), reporting every snapshot to <paramref name="progress"/>. Returns the last
    /// snapshot. Cancelling stops the wait, never the task.
    /// Transient status failures (and unreadable answers, since a read is safe to repeat) are tolerated up to <see cref="PollingOptions.MaxConsecutiveErrors"/> in a row.
    /// </summary>
    public virtual async Task<SeedanceTask> WaitForCompletionAsync(string taskId, WaitOptions? options = null,
        IProgress<SeedanceTask>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        options ??= new WaitOptions();
        var started = _time.GetUtcNow();
        var submittedAt = options.SubmittedAt ?? started;
        DateTimeOffset? deadline = options.MaxWait is { } max ? started + max : null;

        var delay = options.SubmittedAt is null ? TimeSpan.Zero : Schedule.FirstDelay(started - submittedAt);
        SeedanceTask? last = null;
        var errors = 0;
        while (true)
        {
            if (deadline is { } end)
            {
                var left = end - _time.GetUtcNow();
                if (last is not null && left <= TimeSpan.Zero)
                {
                    return last;
                }

                // Always look once more at the deadline rather than return a stale snapshot.
                if (delay > left)
                {
                    delay = left > TimeSpan.Zero ? left : TimeSpan.Zero;
                }
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken);
            }

            try
            {
                // Once there is a snapshot to fall back on, a status call that hangs is given up shortly after the
                // deadline (the look at the deadline itself still gets its moment); the first one gets its full request time.
                var readBy = last is not null ? deadline + LastLookAllowance : null;
                last = await GetTaskAsync(taskId, readBy, cancellationToken);
                errors = 0;
            }
            catch (SeedanceApiException ex) when (last is not null && deadline is { } passed && _time.GetUtcNow() >= passed
                && (ex.IsRetryable || ex.Kind == SeedanceErrorKind.InvalidResponse))
            {
                Log.StatusFailedWhileWaiting(_logger, taskId, ex.Kind);
                return last;
            }
            catch (SeedanceApiException ex) when ((ex.IsRetryable || ex.Kind == SeedanceErrorKind.InvalidResponse)
                && ++errors < Schedule.Options.MaxConsecutiveErrors)
            {
                Log.StatusFailedWhileWaiting(_logger, taskId, ex.Kind);
                delay = ex.RetryAfter ?? Schedule.Options.MinInterval * errors;
                if (deadline is { } end2 && last is not null && _time.GetUtcNow() + delay > end2)
                {
                    return last;
                }

                continue;
            }

            progress?.Report(last);
            if (last.IsTerminal)
            {
                return last;
            }

            var elapsed = _time.GetUtcNow() - (last.CreatedAt is { } created && created <= _time.GetUtcNow() ? created : submittedAt);
            delay = Schedule.NextDelay(last, elapsed);
        }
    }

    /// <summary>
    /// Uploads an image (JPEG, PNG, WebP or GIF, at most 20 MB, checked before sending) and returns the URL to
    /// use in a request. Retried only when the provider refused it with 429.
    /// </summary>
    /// <param name="content">The image bytes; read to the end.</param>
    /// <param name="fileName">The file name to send (only its last segment is used).</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    public virtual Task<UploadedImage> UploadImageAsync(Stream content, string fileName, CancellationToken cancellationToken = default) =>
        UploadAsync(content, fileName, null, cancellationToken);

    private async Task<UploadedImage> UploadAsync(Stream content, string fileName, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var bytes = await UploadReader.ReadCappedAsync(content, cancellationToken);
        var contentType = ImageFormat.Detect(bytes)
            ?? throw new ArgumentException(
                $"file: '{Path.GetFileName(fileName)}' is not an image the provider accepts (allowed: {ImageFormat.AcceptedFormats}).",
                nameof(content));

        var name = Path.GetFileName(fileName);
        var call = new ProviderCall(CallKind.Upload, UploadPath, Content: () =>
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(file, "file", name);
            return form;
        }, Deadline: deadline);
        return await _transport.CallAsync(call, ProviderResponses.ReadUpload,
            response => new SeedanceApiException(SeedanceErrorKind.InvalidResponse,
                $"The provider's answer to {UploadPath} holds no url.", response.Status, requestPath: UploadPath),
            cancellationToken);
    }

    /// <summary>Uploads the image file at <paramref name="path"/>; see <see cref="UploadImageAsync(Stream, string, CancellationToken)"/>.</summary>
    public virtual Task<UploadedImage> UploadImageFileAsync(string path, CancellationToken cancellationToken = default) =>
        UploadImageFileAsync(path, null, cancellationToken);

    /// <summary>
    /// Uploads the image file at <paramref name="path"/> within <paramref name="deadline"/> (the attempt gets at most the time
    /// left; a 429 that cannot be waited out in time is thrown at once); see <see cref="UploadImageAsync(Stream, string, CancellationToken)"/>.
    /// </summary>
    public virtual async Task<UploadedImage> UploadImageFileAsync(string path, DateTimeOffset? deadline, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"file: no image at '{path}'.", path);
        }

        if (info.Length > ImageFormat.MaxUploadBytes)
        {
            throw new ArgumentException(
                $"file: '{info.Name}' is {info.Length} bytes; the provider accepts at most {ImageFormat.MaxUploadBytes} bytes (20 MB).", nameof(path));
        }

        await using var stream = info.OpenRead();
        return await UploadAsync(stream, info.Name, deadline, cancellationToken);
    }

    /// <summary>Reads the account balance. The provider may answer 200 with <c>success: false</c>; that is an error too.</summary>
    public virtual Task<AccountBalance> GetBalanceAsync(CancellationToken cancellationToken = default) =>
        GetBalanceAsync(null, cancellationToken);

    /// <summary>The provider's model list (<c>GET /v1/models</c>) as it came, within <paramref name="deadline"/>.</summary>
    public virtual Task<string> GetModelListJsonAsync(DateTimeOffset? deadline, CancellationToken cancellationToken = default) =>
        ReadJsonAsync(ModelsPath, null, deadline, cancellationToken);

    /// <summary>
    /// The provider's live input schema of <paramref name="model"/>'s video generation
    /// (<c>GET /v1/model-schema?model=…&amp;operation=video_generation</c>) as it came, within <paramref name="deadline"/>.
    /// </summary>
    public virtual Task<string> GetModelSchemaJsonAsync(string model, DateTimeOffset? deadline, CancellationToken cancellationToken = default) =>
        ReadJsonAsync(ModelSchemaPath, $"?model={Uri.EscapeDataString(model)}&operation=video_generation", deadline, cancellationToken);

    /// <summary>The provider's price of <paramref name="model"/> (<c>GET /api/pricing/model?model=…</c>) as it came, within <paramref name="deadline"/>.</summary>
    public virtual Task<string> GetModelPricingJsonAsync(string model, DateTimeOffset? deadline, CancellationToken cancellationToken = default) =>
        ReadJsonAsync(PricingPath, $"?model={Uri.EscapeDataString(model)}", deadline, cancellationToken);

    private Task<string> ReadJsonAsync(string path, string? query, DateTimeOffset? deadline, CancellationToken cancellationToken) =>
        _transport.CallAsync(new ProviderCall(CallKind.Read, path, Query: query, Deadline: deadline), static root => root.GetRawText(),
            response => new SeedanceApiException(SeedanceErrorKind.InvalidResponse, $"The provider's answer to {path} is empty.", response.Status,
                requestPath: path),
            cancellationToken);

    /// <summary>Reads the account balance within <paramref name="deadline"/>, bounded as <see cref="GetTaskAsync(string, DateTimeOffset?, CancellationToken)"/> is.</summary>
    public virtual Task<AccountBalance> GetBalanceAsync(DateTimeOffset? deadline, CancellationToken cancellationToken = default) =>
        _transport.CallAsync(new ProviderCall(CallKind.Read, BalancePath, Deadline: deadline), ProviderResponses.ReadBalance,
            response => new SeedanceApiException(SeedanceErrorKind.InvalidResponse,
                $"The provider's answer to {BalancePath} holds no remain_balance.", response.Status, requestPath: BalancePath),
            cancellationToken,
            refusal: static (root, response) =>
            {
                if (JsonRead.Property(root, "success") is not { ValueKind: JsonValueKind.False })
                {
                    return null;
                }

                var said = JsonRead.String(root, "message") ?? ProviderResponses.ReadError(root).Message;
                return new SeedanceApiException(SeedanceErrorKind.Unknown,
                    $"The provider could not report the balance{(said is null ? "." : ": " + said)}",
                    response.Status, providerMessage: said, requestPath: BalancePath);
            });

    /// <summary>Empty lists are sent as absent, so that "no images" never reads as "images and roles together".</summary>
    internal static VideoGenerationRequest Normalize(VideoGenerationRequest request) => PreparedSubmission.Normalize(request);
}
