using System.Net;
using Polly;

namespace Seedance.Client.Http;

/// <summary>
/// A call's deadline, carried on the request message's <see cref="HttpRequestMessage.Options"/> so the one resilience
/// pipeline can read it (the resilience handler puts the request on its context): each attempt's timeout is
/// min(<see cref="SeedanceClientOptions.RequestTimeout"/>, time left), and no retry starts that could not finish in time.
/// </summary>
internal static class CallDeadline
{
    /// <summary>The least time worth giving an attempt; with less left, the call answers with what it has.</summary>
    public static readonly TimeSpan MinimumAttempt = TimeSpan.FromSeconds(1);

    private static readonly HttpRequestOptionsKey<DateTimeOffset> Key = new("Seedance.Deadline");
    private static readonly ResiliencePropertyKey<TimeSpan> NextDelayKey = new("Seedance.NextRetryDelay");

    public static void Set(HttpRequestMessage request, DateTimeOffset? deadline)
    {
        if (deadline is { } value)
        {
            request.Options.Set(Key, value);
        }
    }

    public static DateTimeOffset? Of(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var deadline) ? deadline : null;

    /// <summary>True when <paramref name="deadline"/> leaves at least <see cref="MinimumAttempt"/> after waiting <paramref name="wait"/>.</summary>
    public static bool Allows(DateTimeOffset? deadline, TimeSpan wait, TimeProvider time) =>
        deadline is not { } end || time.GetUtcNow() + wait + MinimumAttempt <= end;

    /// <summary>The timeout of one attempt: the request timeout, or less when the deadline is nearer (never zero, which would mean none).</summary>
    public static TimeSpan AttemptTimeout(ResilienceContext context, TimeSpan requestTimeout, TimeProvider time)
    {
        if (Of(context.GetRequestMessage()) is not { } deadline)
        {
            return requestTimeout;
        }

        var left = deadline - time.GetUtcNow();
        return left >= requestTimeout ? requestTimeout : left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1);
    }

    /// <summary>
    /// Decides whether a failed read is tried again and, if so, after how long: the provider's <c>Retry-After</c> when it
    /// gave one (a longer one than <see cref="SeedanceClientOptions.MaxRetryAfter"/> is not waited for), otherwise jittered
    /// exponential back-off; never when the wait and a useful attempt do not fit before the deadline. The delay is kept
    /// on the context for <see cref="StoredDelay"/>, so the wait judged is the wait taken.
    /// </summary>
    public static bool ShouldRetry(ResilienceContext context, HttpResponseMessage? response, int attempt, SeedanceClientOptions options, TimeProvider time)
    {
        var delay = RetryAfterOf(response, time);
        if (delay > options.MaxRetryAfter)
        {
            return false;
        }

        if (delay is null)
        {
            var backoff = options.ReadRetryBaseDelay * Math.Pow(2, Math.Min(attempt, 16)) * (0.8 + (0.4 * Random.Shared.NextDouble()));
            delay = backoff < options.MaxRetryAfter ? backoff : options.MaxRetryAfter;
        }

        var request = response?.RequestMessage ?? context.GetRequestMessage();
        if (!Allows(Of(request), delay.Value, time))
        {
            return false;
        }

        context.Properties.Set(NextDelayKey, delay.Value);
        return true;
    }

    /// <summary>The delay <see cref="ShouldRetry"/> settled on.</summary>
    public static TimeSpan? StoredDelay(ResilienceContext context) =>
        context.Properties.TryGetValue(NextDelayKey, out var delay) ? delay : null;

    /// <summary>The <c>Retry-After</c> of an answer as a delay (a date is measured from now), or null.</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseMessage? response, TimeProvider time)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Answers the pipeline retries: 408, 429 and 5xx.</summary>
    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;
}
