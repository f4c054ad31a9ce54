using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace Seedance.Client.Http;

/// <summary>
/// The retry policy of the client, in one place for both the DI and the stand-alone set-up: reads (GET) are
/// retried on 429, 5xx, timeouts and network faults with jittered exponential back-off honouring
/// <c>Retry-After</c>; POSTs (submit, upload) pass through untouched, because retrying one that reached the
/// provider could pay twice. The client itself retries a POST only when the provider refused it with 429.
/// </summary>
public static class SeedanceResilience
{
    /// <summary>The pipeline for reads.</summary>
    public static ResiliencePipeline<HttpResponseMessage> CreateReadPipeline(SeedanceClientOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider ?? TimeProvider.System };
        if (options.ReadRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.ReadRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ReadRetryBaseDelay,
                MaxDelay = options.MaxRetryAfter,
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
            });
        }

        // Each attempt gets its own deadline, so one hung read does not eat the whole budget.
        builder.AddTimeout(options.RequestTimeout);
        return builder.Build();
    }

    /// <summary>A handler that applies <paramref name="readPipeline"/> to GET requests and nothing to the others.</summary>
    public static DelegatingHandler CreateHandler(ResiliencePipeline<HttpResponseMessage> readPipeline)
    {
        ArgumentNullException.ThrowIfNull(readPipeline);
        return new ResilienceHandler(request =>
            request.Method == HttpMethod.Get ? readPipeline : ResiliencePipeline<HttpResponseMessage>.Empty);
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Result is { } response)
        {
            var status = (int)response.StatusCode;
            return response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || status >= 500;
        }

        return outcome.Exception is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
            or IOException;
    }
}
