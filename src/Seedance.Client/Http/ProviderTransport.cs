using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using Seedance.Client.Errors;

namespace Seedance.Client.Http;

/// <summary>
/// The one path every provider call takes: send (through the resilience handler, which owns retries of reads and
/// the per-attempt timeout of every call), classify the answer by the call's <see cref="CallKind"/>, parse it.
/// A POST refused with 429 is the only thing repeated here: a refused request was never paid for.
/// </summary>
internal sealed class ProviderTransport
{
    private const string UserAgent = "Seedance.Agents/0.1";

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
        var root = options.BaseUrl.AbsoluteUri;
        ApiRoot = new Uri(root.EndsWith('/') ? root : root + "/");
    }

    /// <summary>The API root every path is resolved against (ends with a slash).</summary>
    public Uri ApiRoot { get; }

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
                && await WaitBeforeRetryAsync(response.RetryAfter, attempt, cancellationToken))
            {
                if (call.Kind == CallKind.Submit)
                {
                    Log.SubmitRateLimited(_logger, attempt + 2);
                }

                continue;
            }

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
    }

    /// <summary>Sends one attempt and reads its whole body (capped), turning transport failures into <see cref="SeedanceApiException"/>.</summary>
    private async Task<ProviderResponse> SendAsync(ProviderCall call, CancellationToken cancellationToken)
    {
        using var request = NewRequest(call);
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
        if (string.IsNullOrWhiteSpace(_options.ApiKey))
        {
            throw new SeedanceApiException(SeedanceErrorKind.Authentication,
                "No API key is configured. Set the SEEDANCE_API_KEY (or APIMART_API_KEY) environment variable, "
                + "or Seedance:ApiKey in configuration; keys are at https://apimart.ai/keys.",
                requestPath: call.Path);
        }

        var request = new HttpRequestMessage(call.Method, new Uri(ApiRoot, (call.Path + call.Query).TrimStart('/')));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.ParseAdd(UserAgent);
        if (call.IdempotencyKey is { } key)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        request.Content = call.Content?.Invoke();
        return request;
    }

    /// <summary>Waits before retrying a refused request; false when the provider asks for longer than allowed.</summary>
    private async Task<bool> WaitBeforeRetryAsync(TimeSpan? retryAfter, int attempt, CancellationToken cancellationToken)
    {
        var wait = retryAfter ?? TimeSpan.FromSeconds(Math.Pow(2, attempt));
        if (wait > _options.MaxRetryAfter)
        {
            return false;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken);
        }

        return true;
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
}
