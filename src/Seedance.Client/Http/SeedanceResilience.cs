using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace Seedance.Client.Http;

/// <summary>
/// The resilience of the client, in one place for both the DI and the stand-alone set-up. One pipeline serves every
/// call: each attempt gets <see cref="SeedanceClientOptions.RequestTimeout"/> (through the given
/// <see cref="TimeProvider"/>), and failed reads (GET) are retried on 429, 5xx, timeouts and network faults with
/// jittered exponential back-off honouring <c>Retry-After</c>, all inside the deadline a call may carry. Retries are switched off for POST (submit, upload) by
/// the resilience library's own <see cref="HttpRetryStrategyOptionsExtensions.DisableForUnsafeHttpMethods"/>, because
/// retrying one that reached the provider could pay twice. The client itself retries a POST only when the provider
/// refused it with 429.
/// </summary>
public static class SeedanceResilience
{
    /// <summary>
    /// The pipeline for every call: retries (reads only), then a per-attempt timeout. Both honour a deadline set on the
    /// request (the client's <c>deadline</c> overloads): an attempt gets min(<see cref="SeedanceClientOptions.RequestTimeout"/>,
    /// time left), and no retry starts whose wait and attempt would not fit before it.
    /// </summary>
    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(SeedanceClientOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var time = timeProvider ?? TimeProvider.System;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (options.ReadRetries > 0)
        {
            var retry = new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.ReadRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ReadRetryBaseDelay,
                MaxDelay = options.MaxRetryAfter,
                // Retry-After is read by ShouldHandle below, which must know the wait to judge it against the deadline.
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)
                    && CallDeadline.ShouldRetry(args.Context, args.Outcome.Result, args.AttemptNumber, options, time)),
                DelayGenerator = args => ValueTask.FromResult(CallDeadline.StoredDelay(args.Context)),
            };
            retry.DisableForUnsafeHttpMethods();
            builder.AddRetry(retry);
        }

        // Each attempt gets its own deadline, so one hung read does not eat the whole budget; a POST has one attempt.
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Timeout = options.RequestTimeout,
            TimeoutGenerator = args => ValueTask.FromResult(CallDeadline.AttemptTimeout(args.Context, options.RequestTimeout, time)),
        });
        return builder.Build();
    }

    /// <summary>
    /// The handlers the client's <see cref="HttpClient"/> needs, outermost first: the resilience handler over
    /// <see cref="CreatePipeline"/>, then one that reads each answer (capped) inside the attempt, so the timeout covers
    /// the body as well. <paramref name="innerHandler"/> is the network handler, or null to set it later.
    /// </summary>
    public static DelegatingHandler CreateHandler(SeedanceClientOptions options, TimeProvider? timeProvider = null, HttpMessageHandler? innerHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var buffering = CreateBodyHandler(options);
        if (innerHandler is not null)
        {
            buffering.InnerHandler = innerHandler;
        }

        var resilience = CreateHandler(CreatePipeline(options, timeProvider));
        resilience.InnerHandler = buffering;
        return resilience;
    }

    /// <summary>A handler that applies <paramref name="pipeline"/> to every request.</summary>
    public static DelegatingHandler CreateHandler(ResiliencePipeline<HttpResponseMessage> pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return new ResilienceHandler(pipeline);
    }

    /// <summary>The handler that reads each answer's body (at most <see cref="SeedanceClientOptions.MaxResponseBytes"/>) inside the pipeline's attempt.</summary>
    internal static DelegatingHandler CreateBodyHandler(SeedanceClientOptions options) => new ResponseBufferingHandler(options.MaxResponseBytes);

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Result is { } response)
        {
            return CallDeadline.IsTransientStatus(response.StatusCode);
        }

        return outcome.Exception is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
            or IOException;
    }
}
