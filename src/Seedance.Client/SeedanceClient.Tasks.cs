using Seedance.Client.Errors;
using Seedance.Client.Serialization;
using Seedance.Client.Tasks;

namespace Seedance.Client;

public partial class SeedanceClient
{
    /// <summary>
    /// Reads a task's status. Transient failures (429, 5xx, timeouts) are retried with back-off; an unknown id
    /// throws <see cref="SeedanceApiException"/> of kind <see cref="SeedanceErrorKind.TaskNotFound"/>.
    /// </summary>
    public virtual async Task<SeedanceTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        var path = "/v1/tasks/" + Uri.EscapeDataString(taskId.Trim());
        using var message = NewRequest(HttpMethod.Get, path + "?language=en");
        var response = await SendAsync(message, path, isSubmit: false, cancellationToken);
        if (!response.IsSuccess)
        {
            throw ErrorFrom(response, path, isSubmit: false, isTaskLookup: true);
        }

        using var document = ParseSuccess(response, path, isSubmit: false);
        if (EmbeddedError(document, response, path, isSubmit: false, isTaskLookup: true) is { } embedded)
        {
            throw embedded;
        }

        return ProviderResponses.ReadTask(document.RootElement, taskId)
            ?? throw new SeedanceApiException(SeedanceErrorKind.InvalidResponse,
                $"The provider's answer to {path} holds no task object. Retrying later may help.", response.Status, requestPath: path);
    }
}
