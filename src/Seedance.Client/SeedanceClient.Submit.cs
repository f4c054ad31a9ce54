using System.Net;
using System.Text;
using Seedance.Client.Errors;
using Seedance.Client.Http;
using Seedance.Client.Requests;
using Seedance.Client.Serialization;
using Seedance.Client.Tasks;

namespace Seedance.Client;

public partial class SeedanceClient
{
    private const string GenerationsPath = "/v1/videos/generations";

    /// <summary>
    /// Validates <paramref name="request"/> and submits it. Throws <see cref="Validation.SeedanceValidationException"/>
    /// before anything is sent when a rule is broken. A submit is retried only when the provider refused it
    /// with 429; when it may have reached the provider (timeout, 5xx, dropped connection) it is not retried and
    /// a <see cref="SeedanceApiException"/> of kind <see cref="SeedanceErrorKind.SubmitOutcomeUnknown"/> is thrown.
    /// </summary>
    /// <param name="request">The generation request.</param>
    /// <param name="idempotencyKey">Sent as <c>Idempotency-Key</c>; a new one is made when null.</param>
    /// <param name="cancellationToken">Cancels the call (a submit already sent may still create a task).</param>
    public virtual async Task<SubmittedTask> SubmitAsync(VideoGenerationRequest request, string? idempotencyKey = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var validation = Validator.Validate(request);
        validation.ThrowIfInvalid();

        var body = SeedanceJson.SerializeRequest(Normalize(request));
        idempotencyKey ??= Guid.NewGuid().ToString("N");

        for (var attempt = 0; ; attempt++)
        {
            using var message = NewRequest(HttpMethod.Post, GenerationsPath);
            message.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
            message.Content = new StringContent(body, Encoding.UTF8, "application/json");

            var response = await SendAsync(message, GenerationsPath, isSubmit: true, cancellationToken);
            if (response.Status == HttpStatusCode.TooManyRequests && attempt < _options.RateLimitRetries
                && await WaitBeforeRetryAsync(response.RetryAfter, attempt, cancellationToken))
            {
                Log.SubmitRateLimited(_logger, attempt + 2);
                continue;
            }

            if (!response.IsSuccess)
            {
                throw ErrorFrom(response, GenerationsPath, isSubmit: true, isTaskLookup: false);
            }

            using var document = ParseSuccess(response, GenerationsPath, isSubmit: true);
            if (EmbeddedError(document, response, GenerationsPath, isSubmit: true, isTaskLookup: false) is { } embedded)
            {
                throw embedded;
            }

            var taskId = ProviderResponses.ReadSubmittedTaskId(document.RootElement)
                ?? throw new SeedanceApiException(SeedanceErrorKind.SubmitOutcomeUnknown,
                    $"The provider accepted the submit to {GenerationsPath} but its answer holds no task id. The task may "
                    + "have been created; it was not retried. Check recent tasks before submitting again.",
                    response.Status, requestPath: GenerationsPath);

            Log.Submitted(_logger, taskId, request.Model, request.Duration, request.Size, request.Resolution);
            return new SubmittedTask(taskId, _time.GetUtcNow(), validation.Warnings);
        }
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
