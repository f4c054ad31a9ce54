using Seedance.Agents.Journal;
using Seedance.Agents.Spending;
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
    private readonly SpendGuard _guard;

    public JournaledSubmitter(SeedanceClient client, TaskJournal journal, SpendGuard guard)
    {
        _client = client;
        _journal = journal;
        _guard = guard;
    }

    /// <summary>True for the journal ids of submits whose outcome is not known.</summary>
    public static bool IsPlaceholder(string taskId) => taskId.StartsWith(PlaceholderPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Journals (with its estimate) and submits a request that already passed validation and the spend checks; the daily
    /// budget is checked once more under the spend gate, which is held until the entry is written, so today's spend
    /// always includes every call that passed.
    /// </summary>
    public async Task<SubmittedTask> SubmitAsync(string tool, VideoGenerationRequest request, string? parentTaskId, CostEstimate estimate,
        CancellationToken cancellationToken)
    {
        var submission = _client.Prepare(request);
        var placeholder = PlaceholderPrefix + submission.IdempotencyKey[..Math.Min(16, submission.IdempotencyKey.Length)];
        using (await _guard.HoldAsync(tool, estimate, cancellationToken))
        {
            await _journal.RecordSubmittingAsync(placeholder, submission.Body, request.Model, request.Prompt, parentTaskId, submission.IdempotencyKey,
                estimate, cancellationToken);
        }

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
