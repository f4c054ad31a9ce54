using Seedance.Client.Serialization;
using Seedance.Client.Validation;

namespace Seedance.Client.Requests;

/// <summary>
/// A request checked, normalized and serialized once, ready to submit: <see cref="Body"/> is exactly what goes on
/// the wire, so a journal that stores it stores what was sent, and resending it with the same
/// <see cref="IdempotencyKey"/> lets the provider replay the first answer instead of charging twice.
/// Made by <see cref="SeedanceClient.Prepare"/>, or by <see cref="Restore"/> from a stored body and key.
/// </summary>
public sealed class PreparedSubmission
{
    internal PreparedSubmission(VideoGenerationRequest request, string body, string idempotencyKey, IReadOnlyList<Violation> warnings)
    {
        Request = request;
        Body = body;
        IdempotencyKey = idempotencyKey;
        Warnings = warnings;
    }

    /// <summary>The request as sent: empty lists and a blank prompt are absent.</summary>
    public VideoGenerationRequest Request { get; }

    /// <summary>The exact JSON body sent to the provider.</summary>
    public string Body { get; }

    /// <summary>The <c>Idempotency-Key</c> sent with <see cref="Body"/>; keep it to resend the identical request.</summary>
    public string IdempotencyKey { get; }

    /// <summary>Advice about the request that did not block it.</summary>
    public IReadOnlyList<Violation> Warnings { get; }

    /// <summary>
    /// Whether <paramref name="error"/>, the answer to sending this body, is a refusal of the body itself (a 400 that names one
    /// of its fields): the same body was refused whenever it was sent, so no task was created by any send of it. Any other
    /// refusal of a resend (409, 5xx, rate limit, a refusal naming no field) leaves an earlier unsure send unsure.
    /// </summary>
    public bool IsRefusedByItsRules(Errors.SeedanceApiException error) => RuleRefusal.SettlesNothingCreated(error, Body);

    /// <summary>
    /// Rebuilds a submission from a body and key stored earlier, to send the identical request again (for example after
    /// an unknown outcome). The body is sent as stored; it is not validated again.
    /// </summary>
    public static PreparedSubmission Restore(string body, string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        var request = SeedanceJson.DeserializeRequest(body)
            ?? throw new ArgumentException("The stored body holds no request object.", nameof(body));
        return new PreparedSubmission(request, body, idempotencyKey, []);
    }

    /// <summary>Empty lists are sent as absent, so that "no images" never reads as "images and roles together".</summary>
    internal static VideoGenerationRequest Normalize(VideoGenerationRequest request) => request with
    {
        Prompt = string.IsNullOrWhiteSpace(request.Prompt) ? null : request.Prompt,
        Tools = request.Tools is { Count: > 0 } ? request.Tools : null,
        ImageUrls = request.ImageUrls is { Count: > 0 } ? request.ImageUrls : null,
        ImageWithRoles = request.ImageWithRoles is { Count: > 0 } ? request.ImageWithRoles : null,
        VideoUrls = request.VideoUrls is { Count: > 0 } ? request.VideoUrls : null,
        AudioUrls = request.AudioUrls is { Count: > 0 } ? request.AudioUrls : null,
    };
}
