using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Seedance.Client.Errors;
using Seedance.Client.Http;
using Seedance.Client.Models;
using Seedance.Client.Polling;
using Seedance.Client.Serialization;
using Seedance.Client.Validation;

namespace Seedance.Client;

/// <summary>
/// The client for Seedance 2.0 video generation through the APIMart API: validate, submit, read status, wait,
/// upload images, read the balance. Thread-safe; every method is virtual so it can be mocked.
/// </summary>
public partial class SeedanceClient
{
    private const string UserAgent = "Seedance.Agents/0.1";

    private readonly HttpClient _http;
    private readonly SeedanceClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Uri _apiRoot;

    /// <summary>For mocking frameworks only.</summary>
    protected SeedanceClient()
    {
        _http = null!;
        _options = new SeedanceClientOptions();
        _time = TimeProvider.System;
        _logger = NullLogger.Instance;
        _apiRoot = SeedanceClientOptions.DefaultBaseUrl;
        Validator = new RequestValidator();
        Schedule = new PollingSchedule();
    }

    /// <summary>
    /// Creates a client over <paramref name="httpClient"/>, which should carry the handler from
    /// <see cref="SeedanceResilience.CreateHandler"/> (the DI registration and <see cref="Create"/> add it).
    /// </summary>
    public SeedanceClient(HttpClient httpClient, SeedanceClientOptions options, TimeProvider? timeProvider = null, ILogger<SeedanceClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _http = httpClient;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var root = options.BaseUrl.AbsoluteUri;
        _apiRoot = new Uri(root.EndsWith('/') ? root : root + "/");
        Validator = new RequestValidator(options.BuildCatalog());
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
        var handler = SeedanceResilience.CreateHandler(SeedanceResilience.CreateReadPipeline(options, timeProvider));
        handler.InnerHandler = innerHandler ?? CreatePrimaryHandler();
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

    /// <summary>The validator applied before every submit.</summary>
    public virtual RequestValidator Validator { get; }

    /// <summary>The models this client accepts.</summary>
    public virtual ModelCatalog Catalog => Validator.Catalog;

    /// <summary>The polling schedule used by <see cref="WaitForCompletionAsync"/>.</summary>
    public virtual PollingSchedule Schedule { get; }

    /// <summary>The API root this client calls.</summary>
    public virtual Uri BaseUrl => _apiRoot;

    private HttpRequestMessage NewRequest(HttpMethod method, string path)
    {
        if (string.IsNullOrWhiteSpace(_options.ApiKey))
        {
            throw new SeedanceApiException(SeedanceErrorKind.Authentication,
                "No API key is configured. Set the SEEDANCE_API_KEY (or APIMART_API_KEY) environment variable, "
                + "or Seedance:ApiKey in configuration; keys are at https://apimart.ai/keys.",
                requestPath: path);
        }

        var request = new HttpRequestMessage(method, new Uri(_apiRoot, path.TrimStart('/')));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.ParseAdd(UserAgent);
        return request;
    }

    /// <summary>Sends a request and reads its whole body (capped), turning transport failures into <see cref="SeedanceApiException"/>.</summary>
    private async Task<ProviderResponse> SendAsync(HttpRequestMessage request, string path, bool isSubmit, CancellationToken cancellationToken)
    {
        // Reads carry their per-attempt deadline in the retry pipeline; POSTs get one here.
        using var deadline = request.Method == HttpMethod.Get ? null : new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = deadline is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var token = linked?.Token ?? cancellationToken;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            var body = await ReadBodyAsync(response, path, isSubmit, token);
            return new ProviderResponse(response.StatusCode, body, RetryAfterOf(response), response.Content.Headers.ContentType?.MediaType);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (SeedanceApiException)
        {
            throw;
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            throw isSubmit
                ? OutcomeUnknown(path, "the provider did not answer in time", ex)
                : new SeedanceApiException(SeedanceErrorKind.Timeout,
                    $"The provider did not answer {path} in time. Retrying later may help.", requestPath: path, innerException: ex);
        }
        catch (HttpRequestException ex)
        {
            // A refused connection never reached the provider, so even a submit is safe to repeat.
            if (isSubmit && ex.HttpRequestError != HttpRequestError.ConnectionError && ex.HttpRequestError != HttpRequestError.NameResolutionError)
            {
                throw OutcomeUnknown(path, "the connection was lost after the request was sent", ex);
            }

            throw new SeedanceApiException(SeedanceErrorKind.Network,
                $"Could not reach the provider at {_apiRoot.GetLeftPart(UriPartial.Authority)} for {path} ({ex.HttpRequestError}). "
                + "Check the network and Seedance:BaseUrl; retrying later may help.",
                requestPath: path, innerException: Sanitize(ex));
        }
    }

    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, string path, bool isSubmit, CancellationToken cancellationToken)
    {
        var limit = _options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength is { } length && length > limit)
        {
            throw new SeedanceApiException(SeedanceErrorKind.InvalidResponse,
                $"The provider's answer to {path} is {length} bytes, over the {limit}-byte limit.",
                response.StatusCode, requestPath: path);
        }

        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    throw new SeedanceApiException(SeedanceErrorKind.InvalidResponse,
                        $"The provider's answer to {path} is over the {limit}-byte limit.", response.StatusCode, requestPath: path);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            if (isSubmit)
            {
                throw OutcomeUnknown(path, "the answer was cut off", ex);
            }

            throw new SeedanceApiException(SeedanceErrorKind.Network,
                $"The provider's answer to {path} was cut off. Retrying later may help.", response.StatusCode,
                requestPath: path, innerException: Sanitize(ex));
        }
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static SeedanceApiException OutcomeUnknown(string path, string what, Exception inner) => new(
        SeedanceErrorKind.SubmitOutcomeUnknown,
        $"The submit to {path} may or may not have reached the provider: {what}. It was not retried, because a retry "
        + "could pay twice. Check recent tasks (and the balance) before submitting again.",
        requestPath: path, innerException: Sanitize(inner));

    /// <summary>Inner exceptions from the HTTP stack never hold the key, but strip them to their type and message to be sure.</summary>
    private static HttpRequestException Sanitize(Exception ex) => new HttpRequestException($"{ex.GetType().Name}: {ex.Message}");

    /// <summary>Turns a non-success answer into the matching <see cref="SeedanceApiException"/>.</summary>
    private static SeedanceApiException ErrorFrom(ProviderResponse response, string path, bool isSubmit, bool isTaskLookup)
    {
        string? type = null, code = null, message = null;
        if (response.TryParse(out var document))
        {
            using (document)
            {
                (type, code, message) = ProviderResponses.ReadError(document.RootElement);
            }
        }

        var status = (int)response.Status;
        var kind = status switch
        {
            400 or 404 when isTaskLookup => SeedanceErrorKind.TaskNotFound,
            400 or 422 => SeedanceErrorKind.InvalidRequest,
            401 => SeedanceErrorKind.Authentication,
            402 => SeedanceErrorKind.PaymentRequired,
            403 => SeedanceErrorKind.PermissionDenied,
            404 => SeedanceErrorKind.InvalidRequest,
            408 => isSubmit ? SeedanceErrorKind.SubmitOutcomeUnknown : SeedanceErrorKind.Timeout,
            429 => SeedanceErrorKind.RateLimited,
            >= 500 => isSubmit ? SeedanceErrorKind.SubmitOutcomeUnknown : SeedanceErrorKind.ServerError,
            _ => SeedanceErrorKind.Unknown,
        };

        var said = message is null ? string.Empty : $": {Trim(message)}";
        var text = kind switch
        {
            SeedanceErrorKind.TaskNotFound => $"The provider knows no task at {path} ({status}{said}). Check the task id.",
            SeedanceErrorKind.InvalidRequest => $"The provider rejected the request to {path} as invalid ({status}{said}).",
            SeedanceErrorKind.Authentication => $"The provider rejected the API key ({status}{said}). Check SEEDANCE_API_KEY.",
            SeedanceErrorKind.PaymentRequired => $"The account has no balance left ({status}{said}). Top up at https://apimart.ai, then try again.",
            SeedanceErrorKind.PermissionDenied => $"The API key may not call {path} ({status}{said}).",
            SeedanceErrorKind.RateLimited => $"The provider is rate-limiting requests to {path} ({status}{said}). Wait"
                + (response.RetryAfter is { } ra ? $" {Math.Ceiling(ra.TotalSeconds)} s" : " a little") + " and try again.",
            SeedanceErrorKind.SubmitOutcomeUnknown => $"The submit to {path} failed with {status}{said}. The task may or may not have been "
                + "created; it was not retried, because a retry could pay twice. Check recent tasks before submitting again.",
            SeedanceErrorKind.ServerError or SeedanceErrorKind.Timeout => $"The provider failed on {path} ({status}{said}). Retrying later may help.",
            _ => $"The provider answered {path} with {status}{said}.",
        };

        if (message is null && type is null && !response.LooksLikeJson)
        {
            text += $" The answer was not JSON ({response.ContentType ?? "no content type"}, {response.Body.Length} bytes).";
        }

        return new SeedanceApiException(kind, text, response.Status, type, code, message, path, response.RetryAfter);
    }

    private static string Trim(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");

    /// <summary>Parses a success body or explains why it cannot be read.</summary>
    private static JsonDocument ParseSuccess(ProviderResponse response, string path, bool isSubmit)
    {
        if (response.TryParse(out var document))
        {
            return document;
        }

        var what = $"The provider's answer to {path} is not valid JSON ({response.ContentType ?? "no content type"}, {response.Body.Length} bytes).";
        if (isSubmit)
        {
            throw new SeedanceApiException(SeedanceErrorKind.SubmitOutcomeUnknown,
                what + " The task may or may not have been created; it was not retried, because a retry could pay twice. "
                + "Check recent tasks before submitting again.", response.Status, requestPath: path);
        }

        throw new SeedanceApiException(SeedanceErrorKind.InvalidResponse, what + " Retrying later may help.", response.Status, requestPath: path);
    }

    /// <summary>Some gateways answer 200 with an error envelope; treat those as errors.</summary>
    private static SeedanceApiException? EmbeddedError(JsonDocument document, ProviderResponse response, string path, bool isSubmit, bool isTaskLookup)
    {
        var root = document.RootElement;
        var error = JsonRead.Property(root, "error");
        var hasError = error is { ValueKind: JsonValueKind.Object };
        var code = JsonRead.Integer(root, "code") ?? (hasError ? JsonRead.Integer(error!.Value, "code") : null);
        if (!hasError && (code is null || code is 200 or 0))
        {
            return null;
        }

        var status = code is >= 400 and < 600 ? (HttpStatusCode)code.Value : HttpStatusCode.BadRequest;
        return ErrorFrom(response with { Status = status }, path, isSubmit, isTaskLookup);
    }
}
