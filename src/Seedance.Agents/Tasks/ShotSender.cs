using Seedance.Agents.Journal;
using Seedance.Agents.Spending;
using Seedance.Agents.Tools;
using Seedance.Client.Errors;
using Seedance.Client.Requests;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Tasks;

/// <summary>
/// The first step of a long video's shot: the task it is, journaled before its request leaves (an unconfirmed submit is settled by
/// replay with its key, never sent anew), each shot after the first starting on the previous one's last frame.
/// </summary>
internal sealed class ShotSender
{
    private readonly SequenceJournal _films;
    private readonly JournaledSubmitter _submitter;
    private readonly CostEstimator _estimator;
    private readonly LastFrameSource _frames;
    private readonly SequenceStops _stops;
    private readonly TimeProvider _time;

    public ShotSender(SequenceJournal films, JournaledSubmitter submitter, CostEstimator estimator, LastFrameSource frames, SequenceStops stops,
        TimeProvider time)
    {
        _films = films;
        _submitter = submitter;
        _estimator = estimator;
        _frames = frames;
        _stops = stops;
        _time = time;
    }

    /// <summary>
    /// The task id of shot <paramref name="shot"/>: the one already journaled for it (an unconfirmed one is settled by replay with its
    /// key, never sent anew), else the one its submit now creates. Null when the chain stops (or pauses) here.
    /// </summary>
    public async Task<string?> SubmittedAsync(string id, int shot, IReadOnlyList<VideoGenerationRequest> plan, SeedanceTask? previous,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(60, 2 * attempt)), _time, cancellationToken);
            }

            var entry = (await _films.ShotsAsync(id, cancellationToken)).FirstOrDefault(e => e.Shot == shot);
            if (entry is not null && !JournaledSubmitter.IsPlaceholder(entry.TaskId))
            {
                return entry.TaskId;
            }

            if (entry is not null)
            {
                if (entry.State == JournalState.Failed)
                {
                    await _stops.FailAsync(id, shot, $"shot {shot} was refused by the provider: {entry.ErrorMessage ?? "no reason given"}");
                    return null;
                }

                var (outcome, recovered) = await _submitter.RecoverAsync(entry, _time.GetUtcNow() + TimeSpan.FromSeconds(45), cancellationToken);
                switch (outcome)
                {
                    case RecoveryOutcome.Confirmed when recovered is not null && !JournaledSubmitter.IsPlaceholder(recovered):
                        return recovered;
                    case RecoveryOutcome.Refused:
                        await _stops.FailAsync(id, shot, $"shot {shot} was refused by the provider when its submit was settled");
                        return null;
                    case RecoveryOutcome.TooOld:
                        await _stops.FailAsync(id, shot, $"shot {shot}'s submit ({entry.TaskId}) is too old to settle; the provider's dashboard tells whether it was created");
                        return null;
                    default:
                        continue;
                }
            }

            // Nothing of this shot is journaled, so nothing of it was sent: this is where a stop takes effect.
            if (await _stops.RequestedAsync(id, cancellationToken))
            {
                return null;
            }

            if (shot > plan.Count)
            {
                await _stops.FailAsync(id, shot, $"shot {shot} has no journaled request to send");
                return null;
            }

            var request = plan[shot - 1];
            if (shot > 1)
            {
                // A minute's margin: the link must still work when the provider fetches it.
                var frame = await _frames.UrlAsync(previous!, TimeSpan.FromMinutes(1), _time.GetUtcNow() + TimeSpan.FromSeconds(45), cancellationToken);
                if (frame is null)
                {
                    await _stops.FailAsync(id, shot, $"shot {shot} cannot start: shot {shot - 1} ({previous!.Id}) left no last frame to start from (its link "
                        + "expired and no copy was saved)");
                    return null;
                }

                request = SequencePlan.StartingOn(request, frame);
            }

            var estimate = await _estimator.EstimateAsync(request, cancellationToken);
            try
            {
                var submitted = await _submitter.SubmitAsync(ToolNames.GenerateLongVideo, request, previous?.Id, estimate,
                    _time.GetUtcNow() + TimeSpan.FromSeconds(45), cancellationToken, new SequenceShot(id, shot));
                return submitted.TaskId;
            }
            catch (ToolErrorException failure)
            {
                // The daily budget, checked again under the spend gate right before this shot's request would leave.
                await _stops.FailAsync(id, shot, $"shot {shot} was not sent: {failure.Error.Error}");
                return null;
            }
            catch (SeedanceApiException ex) when (ex.Kind is SeedanceErrorKind.InvalidRequest or SeedanceErrorKind.Authentication
                or SeedanceErrorKind.PaymentRequired or SeedanceErrorKind.PermissionDenied)
            {
                await _stops.FailAsync(id, shot, $"shot {shot} was refused by the provider ({ex.Message}); nothing was charged for it");
                return null;
            }
            catch (SeedanceApiException)
            {
                // Not created (rate limit, network) or unknown (journaled as unconfirmed): the next round settles it or sends it.
            }
            catch (TaskJournalException)
            {
                // Most likely another process journaled this shot first (one row per shot), or the film is being stopped: the
                // next round follows that row, or sees the stop.
            }
        }
    }
}
