using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using Seedance.Client.Errors;
using Seedance.Client.Security;
using Seedance.Client.Serialization;

namespace Seedance.Client.Http;

/// <summary>
/// The one path every provider call takes: send (through the resilience handler, which owns retries of reads and
/// the per-attempt timeout of every call), classify the answer by the call's <see cref="CallKind"/>, parse it.
/// A POST refused with 429 is the only thing repeated here: a refused request was never paid for.
/// </summary>
internal sealed class ProviderTransport
{
    private const string UserAgent = "Seedance.Agents/0.1";
    private const string ReplayedHeader = "Idempotency-Replayed";

    private readonly HttpClient _http;
    private readonly SeedanceClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ProviderTransport(HttpClient http, SeedanceClientOptions options, TimeProvider time, ILogger logger)
    {
        _http = http;
        _options = options;
        _time = time;
        _logger = logger;
        Redactor = new SecretRedactor(options.ApiKey);
        var root = options.BaseUrl.AbsoluteUri;
        ApiRoot = new Uri(root.EndsWith('/') ? root : root + "/");
    }

    /// <summary>The API root every path is resolved against (ends with a slash).</summary>
    public Uri ApiRoot { get; }

    /// <summary>Removes the key and bearer tokens from everything the provider sends.</summary>
    public SecretRedactor Redactor { get; }

    /// <summary>
    /// Sends <paramref name="call"/>, turns every failure into a <see cref="SeedanceApiException"/> and returns what
    /// <paramref name="read"/> finds in the answer, or throws <paramref name="missing"/> when it finds nothing.
    /// <paramref name="refusal"/> looks at a readable success answer before the generic error-envelope check.
    /// </summary>
    public async Task<T> CallAsync<T>(ProviderCall call, Func<JsonElement, T?> read, Func<ProviderResponse, SeedanceApiException> missing,
        CancellationToken cancellationToken, Func<JsonElement, ProviderResponse, SeedanceApiException?>? refusal = null)
        where T : class
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await SendAsync(call, cancellationToken);
            if (call.RetriesRateLimit && response.Status == HttpStatusCode.TooManyRequests && attempt < _options.RateLimitRetries
                && await WaitBeforeRetryAsync(response.RetryAfter, attempt, call.Deadline, cancellationToken))
            {
                continue;
            }

            return Interpret(response, call, read, missing, refusal);
        }
    }

    /// <summary>
    /// Sends a submit until it yields a task id. An unsure outcome (timeout, 5xx, dropped connection, cut or unreadable
    /// answer, no id) is followed by the identical request with the same key, at most
    /// <see cref="SeedanceClientOptions.MaxSubmitAttempts"/> sends in all and only while the deadline leaves room; a 429 is
    /// waited out and sent again (<see cref="SeedanceClientOptions.RateLimitRetries"/>); a 4xx refusal is final.
    /// </summary>
    public async Task<SubmitAnswer> SubmitAsync(ProviderCall call, Func<ProviderResponse, SeedanceApiException> missing,
        CancellationToken cancellationToken)
    {
        var maxUnsure = _options.ReplayUnsureSubmits ? _options.MaxSubmitAttempts : 1;
        var sent = 0;
        var unsure = 0;
        var refused = 0;
        SeedanceApiException? doubt = null;
        while (true)
        {
            if (doubt is null && call.Deadline is { } deadline && deadline <= _time.GetUtcNow())
            {
                throw ProviderErrors.NoTimeLeft(call);
            }

            if (doubt is not null)
            {
                // A short pause lets a provider still working on the first request finish it before the replay asks again.
                var pause = Backoff(unsure - 1);
                if (!CallDeadline.Allows(call.Deadline, pause, _time))
                {
                    throw ProviderErrors.Unresolved(doubt, sent, "the call's deadline left no room for another attempt");
                }

                Log.ReplayingSubmit(_logger, unsure + 1, maxUnsure, ReasonOf(doubt));
                if (pause > TimeSpan.Zero)
                {
                    await Task.Delay(pause, _time, cancellationToken);
                }
            }

            SeedanceApiException failure;
            try
            {
                sent++;
                var response = await SendAsync(call, cancellationToken);
                if (response.Status == HttpStatusCode.TooManyRequests && refused < _options.RateLimitRetries
                    && await WaitBeforeRetryAsync(response.RetryAfter, refused, call.Deadline, cancellationToken))
                {
                    refused++;
                    Log.SubmitRateLimited(_logger, sent + 1);
                    continue;
                }

                var taskId = Interpret(response, call, ProviderResponses.ReadSubmittedTaskId, missing, refusal: null);
                return new SubmitAnswer(taskId, response.Replayed, sent);
            }
            catch (SeedanceApiException ex)
            {
                failure = ex;
            }

            if (failure.Kind == SeedanceErrorKind.SubmitOutcomeUnknown)
            {
                doubt = failure;
                if (++unsure >= maxUnsure)
                {
                    throw ProviderErrors.Unresolved(doubt, sent, _options.ReplayUnsureSubmits
                        ? $"{maxUnsure} unsure attempts, the most allowed (Seedance:MaxSubmitAttempts)"
                        : "replay of unsure submits is off (Seedance:ReplayUnsureSubmits)");
                }

                continue;
            }

            // After an unsure attempt, only a rejection of the request's own content (one that names a rule of the body) settles
            // that nothing was created; a replay refused otherwise (409 "still being processed", 401, 403, a 400 naming no
            // field) or failed leaves the first attempt's outcome as unsure as it was.
            if (doubt is not null && call.SettlesNothingCreated?.Invoke(failure) != true)
            {
                if (failure.Kind == SeedanceErrorKind.Network && ++unsure < maxUnsure)
                {
                    continue;
                }

                throw ProviderErrors.Unresolved(doubt, sent, $"the last attempt ended with: {failure.Kind}");
            }

            throw failure;
        }
    }

    /// <summary>Classifies and parses one answer.</summary>
    private static T Interpret<T>(ProviderResponse response, ProviderCall call, Func<JsonElement, T?> read,
        Func<ProviderResponse, SeedanceApiException> missing, Func<JsonElement, ProviderResponse, SeedanceApiException?>? refusal)
        where T : class
    {
        if (!response.IsSuccess)
        {
            throw ProviderErrors.FromAnswer(response, call);
        }

        if (!response.TryParse(out var document))
        {
            throw ProviderErrors.Unreadable(response, call);
        }

        using (document)
        {
            var root = document.RootElement;
            if (refusal?.Invoke(root, response) is { } refused)
            {
                throw refused;
            }

            if (ProviderErrors.Embedded(document, response, call) is { } embedded)
            {
                throw embedded;
            }

            return read(root) ?? throw missing(response);
        }
    }

    /// <summary>Sends one attempt and reads its whole body (capped), turning transport failures into <see cref="SeedanceApiException"/>.</summary>
    private async Task<ProviderResponse> SendAsync(ProviderCall call, CancellationToken cancellationToken)
    {
        using var request = NewRequest(call);
        if (call.Deadline is { } deadline && deadline <= _time.GetUtcNow())
        {
            throw ProviderErrors.NoTimeLeft(call);
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var limit = _options.MaxResponseBytes;
            if (response.Content.Headers.ContentLength is { } length && length > limit)
            {
                throw ProviderErrors.TooLarge(call, response.StatusCode, length, limit);
            }

            byte[] body;
            bool overLimit;
            try
            {
                (body, overLimit) = await BodyReader.ReadAsync(response.Content, limit, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                throw ProviderErrors.CutOff(call, response.StatusCode, ex);
            }

            if (overLimit)
            {
                throw ProviderErrors.TooLarge(call, response.StatusCode, null, limit);
            }

            return new ProviderResponse(response.StatusCode, Redactor.RedactBody(body), CallDeadline.RetryAfterOf(response, _time),
                response.Content.Headers.ContentType?.MediaType, IsReplayed(response));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (SeedanceApiException)
        {
            throw;
        }
        catch (ResponseCutOffException ex)
        {
            throw ProviderErrors.CutOff(call, ex.Status, ex.InnerException ?? ex);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or TimeoutRejectedException)
        {
            throw ProviderErrors.TimedOut(call, ex);
        }
        catch (HttpRequestException ex)
        {
            throw ProviderErrors.Unreachable(call, ex, ApiRoot.GetLeftPart(UriPartial.Authority));
        }
    }

    private HttpRequestMessage NewRequest(ProviderCall call)
    {
        // A caller who brought their own key (multi-user hosting) is served with it, never with the configured one.
        var apiKey = Callers.SeedanceCaller.Current.ApiKey ?? _options.ApiKey;
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new SeedanceApiException(SeedanceErrorKind.Authentication,
                "No API key is configured. Set the SEEDANCE_API_KEY (or APIMART_API_KEY) environment variable, "
                + "or Seedance:ApiKey in configuration; keys are at https://apimart.ai/keys.",
                requestPath: call.Path);
        }

        var request = new HttpRequestMessage(call.Method, new Uri(ApiRoot, (call.Path + call.Query).TrimStart('/')));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.ParseAdd(UserAgent);
        if (call.IdempotencyKey is { } key)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        CallDeadline.Set(request, call.Deadline);
        request.Content = call.Content?.Invoke();
        return request;
    }

    /// <summary>
    /// Waits before retrying a refused request; false when the provider asks for longer than allowed, or when the wait and
    /// another attempt would not fit before <paramref name="deadline"/> (then the refusal is the answer, at once).
    /// </summary>
    private async Task<bool> WaitBeforeRetryAsync(TimeSpan? retryAfter, int attempt, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        var wait = retryAfter ?? TimeSpan.FromSeconds(Math.Pow(2, attempt));
        if (wait > _options.MaxRetryAfter || !CallDeadline.Allows(deadline, wait, _time))
        {
            return false;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken);
        }

        return true;
    }

    /// <summary>The back-off before the <paramref name="replay"/>-th replay (0 first): the read back-off, doubling, capped.</summary>
    private TimeSpan Backoff(int replay)
    {
        var wait = _options.ReadRetryBaseDelay * Math.Pow(2, Math.Clamp(replay, 0, 16));
        return wait < _options.MaxRetryAfter ? wait : _options.MaxRetryAfter;
    }

    private static bool IsReplayed(HttpResponseMessage response) =>
        response.Headers.TryGetValues(ReplayedHeader, out var values)
        && values.Any(v => string.Equals(v.Trim(), "true", StringComparison.OrdinalIgnoreCase));

    /// <summary>A short, secret-free reason for the log: the status, or the kind of transport failure.</summary>
    private static string ReasonOf(SeedanceApiException ex) => ex.StatusCode is { } status
        ? $"HTTP {(int)status}"
        : ex.InnerException?.GetType().Name ?? ex.Kind.ToString();
}
