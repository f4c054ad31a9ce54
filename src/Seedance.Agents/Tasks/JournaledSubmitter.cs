using Seedance.Agents.Journal;
using Seedance.Client;
using Seedance.Client.Errors;
using Seedance.Client.Requests;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Tasks;

/// <summary>
/// Submits a paid request with the journal around it: the entry (with the exact body sent and its idempotency key) is
/// written before the request leaves, confirmed under the provider's id after, kept as unconfirmed when the outcome is
/// unknown, and dropped only when the provider certainly refused. So a paid task is never lost.
/// </summary>
internal sealed class JournaledSubmitter
{
    private const string PlaceholderPrefix = "unconfirmed-";

    private readonly SeedanceClient _client;
    private readonly TaskJournal _journal;

    public JournaledSubmitter(SeedanceClient client, TaskJournal journal)
    {
        _client = client;
        _journal = journal;
    }

    /// <summary>True for the journal ids of submits whose outcome is not known.</summary>
    public static bool IsPlaceholder(string taskId) => taskId.StartsWith(PlaceholderPrefix, StringComparison.Ordinal);

    /// <summary>Journals and submits a request that already passed validation.</summary>
    public async Task<SubmittedTask> SubmitAsync(VideoGenerationRequest request, string? parentTaskId, CancellationToken cancellationToken)
    {
        var submission = _client.Prepare(request);
        var placeholder = PlaceholderPrefix + submission.IdempotencyKey[..Math.Min(16, submission.IdempotencyKey.Length)];
        await _journal.RecordSubmittingAsync(placeholder, submission.Body, request.Model, request.Prompt, parentTaskId, submission.IdempotencyKey,
            cancellationToken);

        SubmittedTask submitted;
        try
        {
            submitted = await _client.SubmitAsync(submission, cancellationToken);
        }
        catch (SeedanceApiException ex) when (ex.Kind == SeedanceErrorKind.SubmitOutcomeUnknown)
        {
            await _journal.MarkUnconfirmedAsync(placeholder, ex.Message, CancellationToken.None);
            throw;
        }
        catch (OperationCanceledException)
        {
            // Cancelled while the request may have been on the wire: keep it listed as unconfirmed.
            await _journal.MarkUnconfirmedAsync(placeholder, "The call was cancelled while the submit was in flight.", CancellationToken.None);
            throw;
        }
        catch
        {
            await _journal.ForgetAsync(placeholder, CancellationToken.None);
            throw;
        }

        await _journal.ConfirmSubmittedAsync(placeholder, submitted.TaskId, CancellationToken.None);
        return submitted;
    }
}
