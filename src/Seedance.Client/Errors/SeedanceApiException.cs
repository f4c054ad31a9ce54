using System.Net;

namespace Seedance.Client.Errors;

/// <summary>
/// A call to the provider failed. Carries the HTTP status, the provider's error type and message, the request
/// path and whether retrying can help. Never carries the API key.
/// </summary>
public sealed class SeedanceApiException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> must not contain secrets.</summary>
    public SeedanceApiException(
        SeedanceErrorKind kind,
        string message,
        HttpStatusCode? statusCode = null,
        string? errorType = null,
        string? errorCode = null,
        string? providerMessage = null,
        string? requestPath = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        ErrorType = errorType;
        ErrorCode = errorCode;
        ProviderMessage = providerMessage;
        RequestPath = requestPath;
        RetryAfter = retryAfter;
    }

    /// <summary>What went wrong, in terms a caller can act on.</summary>
    public SeedanceErrorKind Kind { get; }

    /// <summary>The HTTP status, when an answer came.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The provider's error type, such as <c>rate_limit_error</c>.</summary>
    public string? ErrorType { get; }

    /// <summary>The provider's error code, as text (it is sometimes a number, sometimes a string).</summary>
    public string? ErrorCode { get; }

    /// <summary>The provider's own message.</summary>
    public string? ProviderMessage { get; }

    /// <summary>The path that was called, such as <c>/v1/tasks/task_01…</c> (no query, no host).</summary>
    public string? RequestPath { get; }

    /// <summary>How long the provider asked to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// Whether the same call may succeed later. False for a submit whose outcome is unknown: check the task
    /// list or the balance instead of submitting again.
    /// </summary>
    public bool IsRetryable => Kind is SeedanceErrorKind.RateLimited or SeedanceErrorKind.ServerError
        or SeedanceErrorKind.Timeout or SeedanceErrorKind.Network;
}
