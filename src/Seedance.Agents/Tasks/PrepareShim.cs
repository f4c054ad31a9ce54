#pragma warning disable CS1591
// TEMPORARY: stands in for SeedanceClient.Prepare / SubmitAsync(PreparedSubmission) until the client branch is merged.
using Seedance.Client.Tasks;
using Seedance.Client.Validation;

namespace Seedance.Client.Requests;

public sealed record PreparedSubmission(VideoGenerationRequest Request, string Body, string IdempotencyKey, IReadOnlyList<Violation> Warnings);

public static class PrepareShim
{
    public static PreparedSubmission Prepare(this SeedanceClient client, VideoGenerationRequest request, string? idempotencyKey = null)
    {
        var result = client.Validator.Validate(request);
        result.ThrowIfInvalid();
        var normalized = request with
        {
            Prompt = string.IsNullOrWhiteSpace(request.Prompt) ? null : request.Prompt,
            Tools = request.Tools is { Count: > 0 } ? request.Tools : null,
            ImageUrls = request.ImageUrls is { Count: > 0 } ? request.ImageUrls : null,
            ImageWithRoles = request.ImageWithRoles is { Count: > 0 } ? request.ImageWithRoles : null,
            VideoUrls = request.VideoUrls is { Count: > 0 } ? request.VideoUrls : null,
            AudioUrls = request.AudioUrls is { Count: > 0 } ? request.AudioUrls : null,
        };
        return new(normalized, Serialization.SeedanceJson.SerializeRequest(normalized), idempotencyKey ?? Guid.NewGuid().ToString("N"), result.Warnings);
    }

    public static Task<SubmittedTask> SubmitAsync(this SeedanceClient client, PreparedSubmission submission, CancellationToken cancellationToken = default) =>
        client.SubmitAsync(submission.Request, submission.IdempotencyKey, cancellationToken);
}
