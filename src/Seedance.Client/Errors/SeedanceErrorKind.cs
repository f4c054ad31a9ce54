namespace Seedance.Client.Errors;

/// <summary>What went wrong in a call to the provider, in terms a caller can act on.</summary>
public enum SeedanceErrorKind
{
    /// <summary>The provider rejected the request as invalid (400).</summary>
    InvalidRequest,
    /// <summary>The API key is missing or wrong (401).</summary>
    Authentication,
    /// <summary>The account has no balance left (402).</summary>
    PaymentRequired,
    /// <summary>The key may not do this (403).</summary>
    PermissionDenied,
    /// <summary>No task has this id (400 or 404 on a task look-up).</summary>
    TaskNotFound,
    /// <summary>Too many requests (429); wait and retry.</summary>
    RateLimited,
    /// <summary>The provider failed (5xx).</summary>
    ServerError,
    /// <summary>No answer in time.</summary>
    Timeout,
    /// <summary>The connection failed or was dropped.</summary>
    Network,
    /// <summary>The answer was not the JSON the API documents.</summary>
    InvalidResponse,
    /// <summary>
    /// A submit may or may not have reached the provider (timeout, 5xx or dropped connection after sending).
    /// It was not retried, because a retry could pay twice.
    /// </summary>
    SubmitOutcomeUnknown,
    /// <summary>The provider answered with something this client does not classify.</summary>
    Unknown,
}
