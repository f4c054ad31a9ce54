using System.Collections.Concurrent;
using Seedance.Agents.Journal;
using Seedance.Agents.Spending;
using Seedance.Client;
using Seedance.Client.Errors;
using Seedance.Client.Requests;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Tasks;

/// <summary>
/// Submits paid requests with the journal around them. The entry, with the exact body and its idempotency key, is
/// written before the request leaves; it is confirmed under the provider's id after. When the outcome is unknown it
/// stays as unconfirmed and is settled later by sending the identical body with the same key again (the provider
/// answers with the task it already made instead of a new one). After the POST no failure of the journal is ever
/// reported as "nothing was sent": the answer carries the id, and the confirmation is written when the journal can.
/// </summary>
internal sealed class JournaledSubmitter
{
    private const string PlaceholderPrefix = "unconfirmed-";

    private readonly SeedanceClient _client;
    private readonly TaskJournal _journal;
    private readonly SpendGuard _guard;
    private readonly SeedanceAgentOptions _options;
    private readonly bool _replay;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _settling = new(StringComparer.Ordinal);

    // An unsure submit is sent again in the background after this gap, doubling up to MaxSettleGap, through the recovery window.
    private static readonly TimeSpan FirstSettleGap = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxSettleGap = TimeSpan.FromMinutes(10);

    private readonly JournalLeases? _leases;

    public JournaledSubmitter(SeedanceClient client, TaskJournal journal, SpendGuard guard, SeedanceAgentOptions options, bool replay, TimeProvider time,
        JournalLeases? leases = null)
    {
        _leases = leases;
        _client = client;
        _journal = journal;
        _guard = guard;
        _options = options;
        _replay = replay;
        _time = time;
    }

    /// <summary>The start of the idempotency key an unconfirmed placeholder is named after, to find its entry once it was settled under the provider's id.</summary>
    public static string KeyPrefixOf(string placeholder) => placeholder[PlaceholderPrefix.Length..];

    /// <summary>True for the journal ids of submits whose outcome is not known.</summary>
    public static bool IsPlaceholder(string taskId) => taskId.StartsWith(PlaceholderPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Journals (with its estimate) and submits a request that already passed validation and the spend checks; every
    /// attempt ends by <paramref name="deadline"/>. The daily budget is checked once more in the transaction that writes the
    /// entry, so today's spend always includes every call that passed, whichever process made it.
    /// </summary>
    public async Task<SubmitOutcome> SubmitAsync(string tool, VideoGenerationRequest request, string? parentTaskId, CostEstimate estimate,
        DateTimeOffset deadline, CancellationToken cancellationToken, SequenceShot? shot = null)
    {
        var submission = _client.PrepareValidated(request);
        var placeholder = PlaceholderPrefix + submission.IdempotencyKey[..Math.Min(16, submission.IdempotencyKey.Length)];

        // Before the request leaves: if this fails, nothing was sent and the call says so. The budget is checked in the same
        // journal transaction that writes the entry, so calls in any process sharing the journal cannot both pass it.
        await _journal.RecordSubmittingAsync(placeholder, submission.Body, request.Model, request.Prompt, parentTaskId, submission.IdempotencyKey,
            estimate, shot?.SequenceId, shot?.Shot, _guard.Admission(tool, estimate, shot?.SequenceId), cancellationToken);

        // While this process sends it, the submit's replay lease is its own: another process sharing the journal does not send it
        // again (its answer would only be "still in flight") until this one is done with it, or dead.
        _inFlight[placeholder] = 0;
        var work = ReplayWork(placeholder);
        var leased = _leases is not null && await TryClaimAsync(work, cancellationToken);
        try
        {
            var submitted = await SendAsync(placeholder, submission, deadline, firstSend: true, cancellationToken);
            return new SubmitOutcome(submitted.TaskId, submitted.Replayed, await ConfirmAsync(placeholder, submitted.TaskId));
        }
        finally
        {
            if (leased)
            {
                ReleaseLater(work);
            }

            _inFlight.TryRemove(placeholder, out _);
        }
    }

    /// <summary>
    /// Settles an unconfirmed (or interrupted) submit by sending its journaled body again with its key, within the
    /// recovery window. Returns what became of it; the journal is updated accordingly.
    /// </summary>
    public async Task<(RecoveryOutcome Outcome, string? TaskId)> RecoverAsync(JournalEntry entry, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (!IsPlaceholder(entry.TaskId) || entry.State is not (JournalState.Unconfirmed or JournalState.Submitting))
        {
            return (RecoveryOutcome.Confirmed, entry.TaskId);
        }

        if (_time.GetUtcNow() - entry.CreatedAt > _options.RecoveryWindow)
        {
            return (RecoveryOutcome.TooOld, null);
        }

        if (!_replay || entry.IdempotencyKey is null || entry.RequestJson.Length <= 2 || !_inFlight.TryAdd(entry.TaskId, 0))
        {
            return (RecoveryOutcome.StillUnknown, null);
        }

        var submission = PreparedSubmission.Restore(entry.RequestJson, entry.IdempotencyKey);
        var work = ReplayWork(entry.TaskId);
        var leased = false;
        try
        {
            // Of the processes sharing the journal, only the one holding the submit's lease sends it again (a second replay
            // would cost nothing, but it is one more paid-endpoint call and one more writer). Under the lease the entry is
            // read again: another process may have settled it between this one's read and its claim.
            if (_leases is not null)
            {
                leased = await TryClaimAsync(work, cancellationToken);
                if (!leased)
                {
                    return (RecoveryOutcome.StillUnknown, null);
                }

                if (await SettledElsewhereAsync(entry.TaskId, cancellationToken) is { } settled)
                {
                    return settled;
                }
            }

            var submitted = await SendAsync(entry.TaskId, submission, deadline, firstSend: false, cancellationToken);
            // Settled either way: a journal that cannot record it now gets it from the background retry ConfirmAsync starts.
            await ConfirmAsync(entry.TaskId, submitted.TaskId);
            return (RecoveryOutcome.Confirmed, submitted.TaskId);
        }
        catch (SeedanceApiException ex) when (submission.IsRefusedByItsRules(ex))
        {
            // Only a refusal of the body's own content shows the first send was refused too: nothing was created.
            await TryAsync(() => _journal.MarkRefusedAsync(entry.TaskId, $"Sent again to settle it, the request was refused: {ex.Message}", CancellationToken.None));
            return (RecoveryOutcome.Refused, null);
        }
        catch (SeedanceApiException ex)
        {
            // A 409 (the first send still in flight), a 5xx, a rate limit, or a refusal that names no rule of the request says
            // nothing of the first send: the entry stays unconfirmed, to be sent again later.
            await TryAsync(() => _journal.MarkUnconfirmedAsync(entry.TaskId, $"Sent again to settle it, the provider answered: {ex.Message}",
                CancellationToken.None));
            SettleInBackground(entry.TaskId);
            return (RecoveryOutcome.StillUnknown, null);
        }
        finally
        {
            if (leased)
            {
                ReleaseLater(work);
            }

            _inFlight.TryRemove(entry.TaskId, out _);
        }
    }

    /// <summary>The name of an unsure submit's replay as leased work (the placeholder is unique per owner: it is its key's start).</summary>
    internal static string ReplayWork(string placeholder) => $"replay:{Client.Callers.SeedanceCaller.Current.Owner}:{placeholder}";

    // The send is over: the answer must not wait on the journal once more (a locked journal would hold it another 10 s). The
    // release goes in the background; if it cannot be written the lease lapses on its own, and this process may claim it again.
    private void ReleaseLater(string work) => _ = Task.Run(() => TryAsync(() => _leases!.ReleaseAsync(work, CancellationToken.None)));

    private async Task<bool> TryClaimAsync(string work, CancellationToken cancellationToken)
    {
        try
        {
            return await _leases!.TryClaimAsync(work, cancellationToken);
        }
        catch (TaskJournalException)
        {
            // The journal cannot say who replays: replay here (the same key makes a second replay harmless).
            return true;
        }
    }

    // What another process made of the entry, when it is no longer an unsure submit; null while it still is.
    private async Task<(RecoveryOutcome, string?)?> SettledElsewhereAsync(string placeholder, CancellationToken cancellationToken)
    {
        try
        {
            if (await _journal.FindAsync(placeholder, cancellationToken) is { } current)
            {
                return current.State switch
                {
                    JournalState.Unconfirmed or JournalState.Submitting => null,
                    JournalState.Failed => (RecoveryOutcome.Refused, null),
                    _ => (RecoveryOutcome.Confirmed, current.TaskId),
                };
            }

            // Confirmed under the provider's id (the placeholder row was renamed), or forgotten (nothing was created).
            return await _journal.FindByKeyPrefixAsync(KeyPrefixOf(placeholder), cancellationToken) is { } settled && !IsPlaceholder(settled.TaskId)
                ? (RecoveryOutcome.Confirmed, settled.TaskId)
                : (RecoveryOutcome.Refused, null);
        }
        catch (TaskJournalException)
        {
            return null;
        }
    }

    /// <summary>
    /// Sends a journaled submit and records what its failure means. Only a first send that certainly created nothing forgets its
    /// entry: a replay that is refused, rate-limited or cannot reach the provider says nothing of the earlier send it settles,
    /// so its entry stays for the caller (or the next replay) to settle.
    /// </summary>
    private async Task<SubmittedTask> SendAsync(string placeholder, PreparedSubmission submission, DateTimeOffset deadline, bool firstSend,
        CancellationToken cancellationToken)
    {
        try
        {
            return await _client.SubmitAsync(submission, deadline, cancellationToken);
        }
        catch (SeedanceApiException ex) when (ex.Kind == SeedanceErrorKind.SubmitOutcomeUnknown)
        {
            await TryAsync(() => _journal.MarkUnconfirmedAsync(placeholder, ex.Message, CancellationToken.None));
            SettleInBackground(placeholder);
            throw;
        }
        catch (OperationCanceledException)
        {
            // Cancelled while the request may have been on the wire: keep it listed as unconfirmed, to be settled by replay.
            await TryAsync(() => _journal.MarkUnconfirmedAsync(placeholder, "The call was cancelled while the submit was in flight.", CancellationToken.None));
            SettleInBackground(placeholder);
            throw;
        }
        catch (SeedanceApiException ex) when (IsRefusal(ex.Kind) || ex.Kind is SeedanceErrorKind.RateLimited or SeedanceErrorKind.Network)
        {
            // A first send refused, or that never reached the provider, created nothing.
            if (firstSend)
            {
                await TryAsync(() => _journal.ForgetAsync(placeholder, CancellationToken.None));
            }

            throw;
        }
        catch (SeedanceApiException ex)
        {
            await TryAsync(() => _journal.MarkUnconfirmedAsync(placeholder, ex.Message, CancellationToken.None));
            throw;
        }
    }

    /// <summary>
    /// Keeps settling an unconfirmed submit in the background (the replay check_task makes) with growing gaps, until a task id
    /// or a refusal of the body settles it, or it is past the recovery window (then only the provider's console can tell).
    /// </summary>
    private void SettleInBackground(string placeholder)
    {
        if (_replay && _settling.TryAdd(placeholder, 0))
        {
            _ = Task.Run(() => SettleAsync(placeholder));
        }
    }

    private async Task SettleAsync(string placeholder)
    {
        try
        {
            // This loop holds the placeholder in _settling throughout, so the replays it makes start no second loop.
            for (var gap = FirstSettleGap; ; gap = gap * 2 < MaxSettleGap ? gap * 2 : MaxSettleGap)
            {
                await Task.Delay(gap, _time);
                if (await _journal.FindAsync(placeholder, CancellationToken.None) is not { } entry)
                {
                    return;
                }

                var (outcome, _) = await RecoverAsync(entry, _time.GetUtcNow() + TimeSpan.FromSeconds(30), CancellationToken.None);
                if (outcome != RecoveryOutcome.StillUnknown)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is TaskJournalException or OperationCanceledException)
        {
            // The next check_task, or the next start, settles it.
        }
        finally
        {
            _settling.TryRemove(placeholder, out _);
        }
    }

    /// <summary>Records the provider's id; on failure keeps trying in the background and returns why the journal could not record it now.</summary>
    private async Task<string?> ConfirmAsync(string placeholder, string taskId)
    {
        try
        {
            await _journal.ConfirmSubmittedAsync(placeholder, taskId, CancellationToken.None);
            return null;
        }
        catch (TaskJournalException ex)
        {
            _ = Task.Run(() => ConfirmLaterAsync(placeholder, taskId));
            return ex.Message;
        }
    }

    private async Task ConfirmLaterAsync(string placeholder, string taskId)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(5), _time);
            try
            {
                await _journal.ConfirmSubmittedAsync(placeholder, taskId, CancellationToken.None);
                return;
            }
            catch (TaskJournalException)
            {
            }
        }
    }

    private static bool IsRefusal(SeedanceErrorKind kind) => kind is SeedanceErrorKind.InvalidRequest or SeedanceErrorKind.Authentication
        or SeedanceErrorKind.PaymentRequired or SeedanceErrorKind.PermissionDenied;

    private static async Task TryAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (TaskJournalException)
        {
            // The journal's own failure must not hide what happened to the request.
        }
    }
}
