using System.Net;
using System.Text.Json;
using Seedance.Client.Errors;
using Seedance.Client.Serialization;

namespace Seedance.Client.Http;

/// <summary>Turns what went wrong in a provider call into the matching <see cref="SeedanceApiException"/>, by the call's kind.</summary>
internal static class ProviderErrors
{
    private const string SameKey = "Resend the identical submission with the same Idempotency-Key to find out (the provider replays a "
        + "task it created); never submit it again with a new key, which could pay twice.";

    /// <summary>A non-success answer.</summary>
    public static SeedanceApiException FromAnswer(ProviderResponse response, ProviderCall call)
    {
        string? type = null, code = null, message = null;
        if (response.TryParse(out var document))
        {
            using (document)
            {
                (type, code, message) = ProviderResponses.ReadError(document.RootElement);
            }
        }

        var path = call.Path;
        var status = (int)response.Status;
        var kind = status switch
        {
            400 or 404 when call.Kind == CallKind.TaskLookup => SeedanceErrorKind.TaskNotFound,
            400 or 422 => SeedanceErrorKind.InvalidRequest,
            401 => SeedanceErrorKind.Authentication,
            402 => SeedanceErrorKind.PaymentRequired,
            403 => SeedanceErrorKind.PermissionDenied,
            404 => SeedanceErrorKind.InvalidRequest,
            409 => SeedanceErrorKind.InvalidRequest,
            408 => call.MayPay ? SeedanceErrorKind.SubmitOutcomeUnknown : SeedanceErrorKind.Timeout,
            429 => SeedanceErrorKind.RateLimited,
            >= 500 => call.MayPay ? SeedanceErrorKind.SubmitOutcomeUnknown : SeedanceErrorKind.ServerError,
            _ => SeedanceErrorKind.Unknown,
        };

        var said = message is null ? string.Empty : $": {Trim(message)}";
        var text = kind switch
        {
            SeedanceErrorKind.InvalidRequest when status == 409 && call.IdempotencyKey is not null =>
                $"The provider answered the request to {path} with a conflict on its Idempotency-Key ({status}{said}): a request with "
                + "that key is still being processed, or the key was used for a different body. This answer does not say whether an "
                + "earlier send with the key created a task; resend exactly the body first sent with that key later to find out.",
            SeedanceErrorKind.TaskNotFound => $"The provider knows no task at {path} ({status}{said}). Check the task id.",
            SeedanceErrorKind.InvalidRequest => $"The provider rejected the request to {path} as invalid ({status}{said}).",
            SeedanceErrorKind.Authentication => $"The provider rejected the API key ({status}{said}). Check SEEDANCE_API_KEY.",
            SeedanceErrorKind.PaymentRequired => $"The account has no balance left ({status}{said}). Top up at https://apimart.ai, then try again.",
            SeedanceErrorKind.PermissionDenied => $"The API key may not call {path} ({status}{said}).",
            SeedanceErrorKind.RateLimited => $"The provider is rate-limiting requests to {path} ({status}{said}). Wait"
                + (response.RetryAfter is { } ra ? $" {Math.Ceiling(ra.TotalSeconds)} s" : " a little") + " and try again.",
            SeedanceErrorKind.SubmitOutcomeUnknown => $"The submit to {path} failed with {status}{said}. The task may or may not have been "
                + "created.",
            SeedanceErrorKind.ServerError or SeedanceErrorKind.Timeout => $"The provider failed on {path} ({status}{said}). Retrying later may help.",
            _ => $"The provider answered {path} with {status}{said}.",
        };

        if (message is null && type is null && !response.LooksLikeJson)
        {
            text += $" The answer was not JSON ({response.ContentType ?? "no content type"}, {response.Body.Length} bytes).";
        }

        return new SeedanceApiException(kind, text, response.Status, type, code, message, path, response.RetryAfter);
    }

    /// <summary>Some gateways answer 200 with an error envelope; those are errors too. Null when the envelope holds none.</summary>
    public static SeedanceApiException? Embedded(JsonDocument document, ProviderResponse response, ProviderCall call)
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
        return FromAnswer(response with { Status = status }, call);
    }

    /// <summary>A success answer that is not JSON.</summary>
    public static SeedanceApiException Unreadable(ProviderResponse response, ProviderCall call)
    {
        var what = $"The provider's answer to {call.Path} is not valid JSON ({response.ContentType ?? "no content type"}, {response.Body.Length} bytes).";
        return call.MayPay
            ? new SeedanceApiException(SeedanceErrorKind.SubmitOutcomeUnknown,
                what + " The task may or may not have been created.",
                response.Status, requestPath: call.Path)
            : new SeedanceApiException(SeedanceErrorKind.InvalidResponse, what + " Retrying later may help.", response.Status, requestPath: call.Path);
    }

    /// <summary>No answer in time.</summary>
    public static SeedanceApiException TimedOut(ProviderCall call, Exception inner) => call.MayPay
        ? OutcomeUnknown(call.Path, "the provider did not answer in time", inner)
        : new SeedanceApiException(SeedanceErrorKind.Timeout,
            $"The provider did not answer {call.Path} in time. Retrying later may help.", requestPath: call.Path, innerException: inner);

    /// <summary>The connection failed; <paramref name="authority"/> is the host named in the message.</summary>
    public static SeedanceApiException Unreachable(ProviderCall call, HttpRequestException ex, string authority)
    {
        // A refused connection never reached the provider, so even a submit is safe to repeat.
        if (call.MayPay && ex.HttpRequestError != HttpRequestError.ConnectionError && ex.HttpRequestError != HttpRequestError.NameResolutionError)
        {
            return OutcomeUnknown(call.Path, "the connection was lost after the request was sent", ex);
        }

        return new SeedanceApiException(SeedanceErrorKind.Network,
            $"Could not reach the provider at {authority} for {call.Path} ({ex.HttpRequestError}). "
            + "Check the network and Seedance:BaseUrl; retrying later may help.",
            requestPath: call.Path, innerException: Sanitize(ex));
    }

    /// <summary>The answer's body broke off while it was read.</summary>
    public static SeedanceApiException CutOff(ProviderCall call, HttpStatusCode status, Exception inner) => call.MayPay
        ? OutcomeUnknown(call.Path, "the answer was cut off", inner)
        : new SeedanceApiException(SeedanceErrorKind.Network,
            $"The provider's answer to {call.Path} was cut off. Retrying later may help.", status,
            requestPath: call.Path, innerException: Sanitize(inner));

    /// <summary>The answer is larger than the client reads.</summary>
    public static SeedanceApiException TooLarge(ProviderCall call, HttpStatusCode status, long? length, int limit) => new(
        SeedanceErrorKind.InvalidResponse,
        length is { } known
            ? $"The provider's answer to {call.Path} is {known} bytes, over the {limit}-byte limit."
            : $"The provider's answer to {call.Path} is over the {limit}-byte limit.",
        status, requestPath: call.Path);

    private static SeedanceApiException OutcomeUnknown(string path, string what, Exception inner) => new(
        SeedanceErrorKind.SubmitOutcomeUnknown,
        $"The submit to {path} may or may not have reached the provider: {what}.",
        requestPath: path, innerException: Sanitize(inner));

    /// <summary>
    /// The end of a submit whose outcome stayed unsure: <paramref name="last"/> (the last unsure attempt's error) with what
    /// was tried. <paramref name="sent"/> counts the sends; <paramref name="why"/> says why no further attempt was made.
    /// </summary>
    public static SeedanceApiException Unresolved(SeedanceApiException last, int sent, string why)
    {
        var tries = sent == 1 ? "It was sent once" : $"It was sent {sent} times with the same Idempotency-Key";
        return new SeedanceApiException(SeedanceErrorKind.SubmitOutcomeUnknown, $"{last.Message} {tries} ({why}). {SameKey}",
            last.StatusCode, last.ErrorType, last.ErrorCode, last.ProviderMessage, last.RequestPath, last.RetryAfter, last.InnerException);
    }

    /// <summary>A call that could not start: its deadline had passed (nothing was sent).</summary>
    public static SeedanceApiException NoTimeLeft(ProviderCall call) => new(SeedanceErrorKind.Timeout,
        $"No time was left before the call's deadline, so nothing was sent to {call.Path}.", requestPath: call.Path);

    /// <summary>Inner exceptions from the HTTP stack never hold the key, but strip them to their type and message to be sure.</summary>
    private static HttpRequestException Sanitize(Exception ex) => new($"{ex.GetType().Name}: {ex.Message}");

    private static string Trim(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");
}
