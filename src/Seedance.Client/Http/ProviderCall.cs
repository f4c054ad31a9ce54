using Seedance.Client.Errors;

namespace Seedance.Client.Http;

/// <summary>One call to the provider: what it is, where it goes and what it sends.</summary>
/// <param name="Kind">What the call is; decides how its failures are classified.</param>
/// <param name="Path">The API path, as named in error messages (without the query).</param>
/// <param name="Query">The query string to append, with its leading <c>?</c>, or null.</param>
/// <param name="Content">Makes the body afresh for each attempt (a sent request cannot be sent again), or null.</param>
/// <param name="IdempotencyKey">Sent as <c>Idempotency-Key</c>, or null.</param>
/// <param name="Deadline">When the whole call must be over (every attempt, retry and wait), or null for no limit beyond each attempt's timeout.</param>
/// <param name="SettlesNothingCreated">For a submit: whether a refusal of a resend shows that no send of the body created a task (it names one of the body's rules).</param>
internal sealed record ProviderCall(CallKind Kind, string Path, string? Query = null, Func<HttpContent>? Content = null,
    string? IdempotencyKey = null, DateTimeOffset? Deadline = null, Func<SeedanceApiException, bool>? SettlesNothingCreated = null)
{
    /// <summary>POSTs are the calls that carry a body.</summary>
    public HttpMethod Method => Kind is CallKind.Submit or CallKind.Upload ? HttpMethod.Post : HttpMethod.Get;

    /// <summary>True when a failure after sending leaves it unknown whether a paid task was created.</summary>
    public bool MayPay => Kind == CallKind.Submit;

    /// <summary>True when the client itself tries the call again after a 429 (the pipeline never repeats a POST).</summary>
    public bool RetriesRateLimit => Kind is CallKind.Submit or CallKind.Upload;
}
