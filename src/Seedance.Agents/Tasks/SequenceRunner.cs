using System.Collections.Concurrent;
using Seedance.Agents.Films;
using Seedance.Agents.Journal;
using Seedance.Agents.Spending;
using Seedance.Agents.Tools;
using Seedance.Client;
using Seedance.Client.Errors;
using Seedance.Client.Requests;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Tasks;

/// <summary>
/// Runs long videos in the background of the host process, outside any tool call: shot after shot, each submitted through
/// the <see cref="JournaledSubmitter"/> (journaled as that shot before its request leaves, so a crash never makes it send
/// the shot again: an unconfirmed shot is settled by replay with its key), each later shot starting on the previous one's
/// last frame, each finished clip saved by the <see cref="ResultSaver"/>, then the film stitched. Everything it knows is in
/// the journal, so <see cref="Ensure"/> picks a chain up where it stopped, in this process or after a restart.
/// </summary>
internal sealed class SequenceRunner : IAsyncDisposable, IDisposable
{
    // Reading a shot that cannot be read this many times in a row leaves the chain for check_task to pick up again.
    private const int MaxReadErrors = 20;

    private readonly SeedanceClient _client;
    private readonly TaskJournal _journal;
    private readonly SequenceJournal _films;
    private readonly JournaledSubmitter _submitter;
    private readonly TaskWaiter _waiter;
    private readonly ResultSaver _saver;
    private readonly CostEstimator _estimator;
    private readonly FilmStitcher _stitcher;
    private readonly SeedanceAgentOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Task> _runs = new(StringComparer.Ordinal);
    private readonly JournalLeases? _leases;
    private readonly ConcurrentDictionary<string, int> _chainsPerOwner = new(StringComparer.Ordinal);
    private int _chains;

    // Why a shot of a film being stopped did not make it (its chain writes no failure over the stop; the stop's summary says it).
    private readonly ConcurrentDictionary<string, string> _failuresWhileStopping = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime = new();

    public SequenceRunner(SeedanceClient client, TaskJournal journal, SequenceJournal films, JournaledSubmitter submitter, TaskWaiter waiter,
        ResultSaver saver, CostEstimator estimator, FilmStitcher stitcher, SeedanceAgentOptions options, TimeProvider time, JournalLeases? leases = null)
    {
        _leases = leases;
        _client = client;
        _journal = journal;
        _films = films;
        _submitter = submitter;
        _waiter = waiter;
        _saver = saver;
        _estimator = estimator;
        _stitcher = stitcher;
        _options = options;
        _time = time;
    }

    /// <summary>Starts (or resumes) the chain of <paramref name="sequenceId"/> unless it already runs in this process.</summary>
    public void Ensure(string sequenceId)
    {
        if (_lifetime.IsCancellationRequested)
        {
            return;
        }

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_runs.TryAdd(sequenceId, gate.Task))
        {
            return;
        }

        var run = Task.Run(async () =>
        {
            try
            {
                await RunAsync(sequenceId, _lifetime.Token);
            }
            finally
            {
                _runs.TryRemove(sequenceId, out _);
                gate.TrySetResult();
            }
        });
        _ = run;
    }

    /// <summary>True while the chain of <paramref name="sequenceId"/> runs in this process.</summary>
    public bool IsRunning(string sequenceId) => _runs.ContainsKey(sequenceId);

    /// <summary>Completes when the chain of <paramref name="sequenceId"/> stops running in this process (at once when it does not run).</summary>
    public Task StoppedAsync(string sequenceId) => _runs.TryGetValue(sequenceId, out var run) ? run : Task.CompletedTask;

    /// <summary>Stops the chains (their journal rows stay as they are, to be resumed).</summary>
    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        foreach (var run in _runs.Values)
        {
            await run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _lifetime.Dispose();
    }

    private async Task RunAsync(string sequenceId, CancellationToken cancellationToken)
    {
        // Over this process's caps the chain waits (it stays running in the journal): the next check_task, or the takeover
        // sweep, starts it when a turn is free.
        var owner = Client.Callers.SeedanceCaller.Current.Owner;
        if (!TryEnterCaps(owner))
        {
            return;
        }

        var work = JournalLeases.FilmWork(sequenceId);
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task renewing = Task.CompletedTask;
        try
        {
            // Of the processes sharing the journal, the one holding the film's lease chains it; the others leave it alone.
            if (_leases is not null)
            {
                if (!await _leases.TryClaimAsync(work, cancellationToken))
                {
                    return;
                }

                renewing = RenewAsync(work, lost);
            }

            await RunClaimedAsync(sequenceId, lost.Token);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            // Stopping, or the lease was lost to another process (which now chains the film).
        }
        catch (TaskJournalException)
        {
            // The lease could not be read: the film stays running in the journal for the next turn.
        }
        finally
        {
            await lost.CancelAsync();
            await renewing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (_leases is not null)
            {
                await TryAsync(() => _leases.ReleaseAsync(work, CancellationToken.None));
            }

            ExitCaps(owner);
        }
    }

    // Renews the film's lease while its chain runs; a lease that could not be renewed in time is given up (the chain stops).
    private async Task RenewAsync(string work, CancellationTokenSource lost)
    {
        var failures = 0;
        while (!lost.IsCancellationRequested)
        {
            await Task.Delay(JournalLeases.Lifetime / 3, _time, lost.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (lost.IsCancellationRequested)
            {
                return;
            }

            try
            {
                if (!await _leases!.TryClaimAsync(work, lost.Token))
                {
                    await lost.CancelAsync();
                    return;
                }

                failures = 0;
            }
            catch (TaskJournalException) when (++failures < 2)
            {
            }
            catch (TaskJournalException)
            {
                await lost.CancelAsync();
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private bool TryEnterCaps(string owner)
    {
        if (Interlocked.Increment(ref _chains) > Math.Max(1, _options.MaxBackgroundFilms))
        {
            Interlocked.Decrement(ref _chains);
            return false;
        }

        var mine = _chainsPerOwner.AddOrUpdate(owner, 1, (_, n) => n + 1);
        if (mine > Math.Max(1, _options.MaxBackgroundFilmsPerUser))
        {
            ExitCaps(owner);
            return false;
        }

        return true;
    }

    private void ExitCaps(string owner)
    {
        _chainsPerOwner.AddOrUpdate(owner, 0, (_, n) => Math.Max(0, n - 1));
        Interlocked.Decrement(ref _chains);
    }

    private async Task RunClaimedAsync(string sequenceId, CancellationToken cancellationToken)
    {
        try
        {
            var sequence = await _films.FindSequenceAsync(sequenceId, cancellationToken);
            if (sequence is null || sequence.State is SequenceState.Failed or SequenceState.Succeeded or SequenceState.Stopped)
            {
                return;
            }

            await ChainAsync(sequence, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping: the journal says where the chain stands, and the next start resumes it.
        }
        catch (Exception ex) when (ex is TaskJournalException or IOException or UnauthorizedAccessException or SeedanceApiException)
        {
            // Left running (or stopping): check_task (or the next start) picks it up again.
            await TryAsync(() => _films.NoteSequenceProblemAsync(sequenceId,
                $"the chain paused ({ex.Message}); check_task with the sequence_id resumes it", CancellationToken.None));
        }
    }

    private async Task ChainAsync(SequenceEntry sequence, CancellationToken cancellationToken)
    {
        var id = sequence.SequenceId;
        _failuresWhileStopping.TryRemove(id, out _);
        var plan = SequencePlan.Read(sequence.PlanJson);
        SeedanceTask? previous = null;
        var clips = new List<string>();
        var unsaved = new List<string>();
        for (var shot = 1; shot <= sequence.ShotCount; shot++)
        {
            var taskId = await SubmittedAsync(id, shot, plan, previous, cancellationToken);
            var task = taskId is null ? null : await FollowAsync(id, shot, taskId, cancellationToken);
            if (task is { State: not SeedanceTaskState.Succeeded })
            {
                var reason = task.Error is { } error ? error.Message ?? error.Code : null;
                await StopAsync(id, shot, $"shot {shot} (task {task.Id}) {task.RawStatus ?? "failed"}: {reason ?? "the provider gave no reason"}");
            }

            if (task is not { State: SeedanceTaskState.Succeeded })
            {
                // The chain ends here: failed (recorded), or stopped on request, which ends with the shots before this one.
                if (await StopRequestedAsync(id, cancellationToken))
                {
                    await FinishStoppedAsync(id, plan, shot, sequence.ShotCount, clips, unsaved, cancellationToken);
                }

                return;
            }

            var (video, problem) = await SaveAsync(task, cancellationToken);
            if (video is not null)
            {
                clips.Add(video);
            }
            else
            {
                unsaved.Add($"shot {shot} ({task.Id}): {problem}");
            }

            previous = task;
        }

        if (unsaved.Count > 0)
        {
            await _films.UpdateSequenceAsync(id, SequenceState.Unstitched,
                problem: $"not every shot is saved on this machine, so no film was made ({string.Join("; ", unsaved)})", cancellationToken: CancellationToken.None);
            return;
        }

        var stitched = await _stitcher.StitchAsync(id, clips, cancellationToken);
        await _films.UpdateSequenceAsync(id, stitched.FilmPath is null ? SequenceState.Unstitched : SequenceState.Succeeded, stitched.FilmPath,
            stitched.Seconds, stitched.Method, stitched.Command, problem: stitched.Problem, cancellationToken: CancellationToken.None);
    }

    /// <summary>
    /// The task id of shot <paramref name="shot"/>: the one already journaled for it (an unconfirmed one is settled by replay with its
    /// key, never sent anew), else the one its submit now creates. Null when the chain stops (or pauses) here.
    /// </summary>
    private async Task<string?> SubmittedAsync(string id, int shot, IReadOnlyList<VideoGenerationRequest> plan, SeedanceTask? previous,
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
                    await StopAsync(id, shot, $"shot {shot} was refused by the provider: {entry.ErrorMessage ?? "no reason given"}");
                    return null;
                }

                var (outcome, recovered) = await _submitter.RecoverAsync(entry, _time.GetUtcNow() + TimeSpan.FromSeconds(45), cancellationToken);
                switch (outcome)
                {
                    case RecoveryOutcome.Confirmed when recovered is not null && !JournaledSubmitter.IsPlaceholder(recovered):
                        return recovered;
                    case RecoveryOutcome.Refused:
                        await StopAsync(id, shot, $"shot {shot} was refused by the provider when its submit was settled");
                        return null;
                    case RecoveryOutcome.TooOld:
                        await StopAsync(id, shot, $"shot {shot}'s submit ({entry.TaskId}) is too old to settle; the provider's dashboard tells whether it was created");
                        return null;
                    default:
                        continue;
                }
            }

            // Nothing of this shot is journaled, so nothing of it was sent: this is where a stop takes effect.
            if (await StopRequestedAsync(id, cancellationToken))
            {
                return null;
            }

            if (shot > plan.Count)
            {
                await StopAsync(id, shot, $"shot {shot} has no journaled request to send");
                return null;
            }

            var request = plan[shot - 1];
            if (shot > 1)
            {
                var frame = await FirstFrameAsync(previous!, cancellationToken);
                if (frame is null)
                {
                    await StopAsync(id, shot, $"shot {shot} cannot start: shot {shot - 1} ({previous!.Id}) left no last frame to start from (its link "
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
            catch (ToolFailure failure)
            {
                // The daily budget, checked again under the spend gate right before this shot's request would leave.
                await StopAsync(id, shot, $"shot {shot} was not sent: {failure.Error.Error}");
                return null;
            }
            catch (SeedanceApiException ex) when (ex.Kind is SeedanceErrorKind.InvalidRequest or SeedanceErrorKind.Authentication
                or SeedanceErrorKind.PaymentRequired or SeedanceErrorKind.PermissionDenied)
            {
                await StopAsync(id, shot, $"shot {shot} was refused by the provider ({ex.Message}); nothing was charged for it");
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

    /// <summary>Polls a shot until it ends, recording each snapshot; null when the chain pauses because the task cannot be read.</summary>
    private async Task<SeedanceTask?> FollowAsync(string id, int shot, string taskId, CancellationToken cancellationToken)
    {
        var entry = await _journal.FindAsync(taskId, cancellationToken);
        var submitted = entry?.CreatedAt ?? _time.GetUtcNow();
        var delay = _client.Schedule.FirstDelay(_time.GetUtcNow() - submitted);
        var errors = 0;
        while (true)
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken);
            }

            SeedanceTask task;
            try
            {
                task = await _waiter.ReadAsync(taskId, _time.GetUtcNow() + TimeSpan.FromSeconds(45), cancellationToken);
                errors = 0;
            }
            catch (ToolFailure)
            {
                await StopAsync(id, shot, $"the provider does not know shot {shot}'s task {taskId}");
                return null;
            }
            catch (SeedanceApiException) when (++errors < MaxReadErrors)
            {
                delay = TimeSpan.FromSeconds(Math.Min(60, 1 << Math.Min(errors, 6)));
                continue;
            }

            if (task.IsTerminal)
            {
                return task;
            }

            delay = _client.Schedule.NextDelay(task, _time.GetUtcNow() - submitted);
        }
    }

    /// <summary>Saves a finished shot (resuming partial downloads between attempts); the clip's path, or why it is not saved.</summary>
    private async Task<(string? Video, string? Problem)> SaveAsync(SeedanceTask task, CancellationToken cancellationToken)
    {
        string? problem = null;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(5 * attempt), _time, cancellationToken);
            }

            var entry = await _journal.FindAsync(task.Id, cancellationToken);
            var state = _saver.Request(task, entry);
            if (state.Status == SaveStatus.None)
            {
                return (null, _options.DownloadResults ? "the provider gave no video link" : $"downloads are off ({SeedanceAgentEnvironment.DownloadVariable})");
            }

            state = await _saver.WaitAsync(task.Id, state, _time.GetUtcNow() + TimeSpan.FromHours(1), progress: null, cancellationToken);
            if (state.Video is not null)
            {
                return (state.Video, null);
            }

            problem = state.Problem ?? "the download did not finish";
        }

        return (null, problem);
    }

    /// <summary>The previous shot's last frame as a URL the provider can read: its link, or the saved copy uploaded again once the link expired.</summary>
    private async Task<string?> FirstFrameAsync(SeedanceTask previous, CancellationToken cancellationToken)
    {
        var expired = previous.ExpiresAt is { } expires && expires <= _time.GetUtcNow() + TimeSpan.FromMinutes(1);
        if (previous.LastFrameUrl is { } url && !expired)
        {
            return url;
        }

        var entry = await _journal.FindAsync(previous.Id, cancellationToken);
        return ResultSaver.IsSaved(entry?.LocalLastFramePath)
            ? (await _client.UploadImageFileAsync(entry!.LocalLastFramePath!, _time.GetUtcNow() + TimeSpan.FromSeconds(45), cancellationToken)).Url
            : null;
    }

    private async Task<bool> StopRequestedAsync(string id, CancellationToken cancellationToken) =>
        (await _films.FindSequenceAsync(id, cancellationToken))?.State == SequenceState.Stopping;

    /// <summary>
    /// Ends a stopped film at <paramref name="shot"/>, the first shot not in it: either never sent (the stop came first) or sent before
    /// the stop and then failed. The shots before it, each finished and saved by now, are all the film has; they are stitched into
    /// a shorter film when every one is saved.
    /// </summary>
    private async Task FinishStoppedAsync(string id, IReadOnlyList<VideoGenerationRequest> plan, int shot, int planned, List<string> clips,
        List<string> unsaved, CancellationToken cancellationToken)
    {
        var kept = shot - 1;
        var problem = _failuresWhileStopping.TryRemove(id, out var failure)
            ? $"stopped on request; {failure}, so the film holds the {kept} shot(s) before it" + (shot < planned ? $" ({Range(shot + 1, planned)} never sent)" : string.Empty)
            : $"stopped on request after shot {kept} of {planned}: {Range(shot, planned)} never sent (nothing was charged for them)";
        var planJson = SequencePlan.Write([.. plan.Take(kept)]);
        if (kept == 0 || unsaved.Count > 0)
        {
            var why = kept == 0 ? "no shot was finished" : $"not every shot is saved on this machine ({string.Join("; ", unsaved)})";
            await _films.FinishStoppedAsync(id, kept, planJson, null, null, null, null, $"{problem}; no film was made: {why}", CancellationToken.None);
            return;
        }

        var stitched = await _stitcher.StitchAsync(id, clips, cancellationToken);
        await _films.FinishStoppedAsync(id, kept, planJson, stitched.FilmPath, stitched.Seconds, stitched.Method, stitched.Command,
            stitched.FilmPath is null ? $"{problem}; no film was made: {stitched.Problem}" : problem, CancellationToken.None);
    }

    private static string Range(int from, int to) => from == to ? $"shot {from} was" : $"shots {from} to {to} were";

    /// <summary>Records that the chain stops at a failed shot; a film being stopped keeps its state, and the stop's summary says why.</summary>
    private async Task StopAsync(string id, int shot, string problem)
    {
        if (!await _films.FailSequenceAsync(id, shot, problem, CancellationToken.None))
        {
            _failuresWhileStopping[id] = problem;
        }
    }

    private static async Task TryAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (TaskJournalException)
        {
        }
    }
}
