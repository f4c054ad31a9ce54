using System.Collections.Concurrent;
using Seedance.Agents.Journal;
using Seedance.Client.Errors;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Tasks;

/// <summary>
/// Runs long videos in the background of the host process, outside any tool call, shot after shot, each in three steps: sent
/// (<see cref="ShotSender"/>: journaled as that shot before its request leaves, so a crash never makes it send the shot again),
/// followed until it ends (<see cref="ShotFollower"/>) and saved (<see cref="ShotSaver"/>); then the film is stitched
/// (<see cref="FilmFinisher"/>). Everything it knows is in the journal, so <see cref="Ensure"/> picks a chain up where it
/// stopped, in this process or after a restart.
/// </summary>
internal sealed class SequenceRunner : IAsyncDisposable, IDisposable
{
    private readonly SequenceJournal _films;
    private readonly ShotSender _sender;
    private readonly ShotFollower _follower;
    private readonly ShotSaver _saver;
    private readonly FilmFinisher _finisher;
    private readonly SequenceStops _stops;
    private readonly ConcurrentDictionary<string, Task> _runs = new(StringComparer.Ordinal);
    private readonly SeedanceAgentOptions _options;
    private readonly TimeProvider _time;
    private readonly JournalLeases? _leases;
    private readonly ConcurrentDictionary<string, int> _chainsPerOwner = new(StringComparer.Ordinal);
    private int _chains;
    private readonly CancellationTokenSource _lifetime = new();

    public SequenceRunner(SequenceJournal films, ShotSender sender, ShotFollower follower, ShotSaver saver, FilmFinisher finisher, SequenceStops stops,
        SeedanceAgentOptions options, TimeProvider time, JournalLeases? leases = null)
    {
        _options = options;
        _time = time;
        _leases = leases;
        _films = films;
        _sender = sender;
        _follower = follower;
        _saver = saver;
        _finisher = finisher;
        _stops = stops;
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
        _stops.Reset(id);
        var plan = SequencePlan.Read(sequence.PlanJson);
        SeedanceTask? previous = null;
        var clips = new List<string>();
        var unsaved = new List<string>();
        for (var shot = 1; shot <= sequence.ShotCount; shot++)
        {
            var taskId = await _sender.SubmittedAsync(id, shot, plan, previous, cancellationToken);
            var task = taskId is null ? null : await _follower.FollowAsync(id, shot, taskId, cancellationToken);
            if (task is { State: not SeedanceTaskState.Succeeded })
            {
                var reason = task.Error is { } error ? error.Message ?? error.Code : null;
                await _stops.FailAsync(id, shot, $"shot {shot} (task {task.Id}) {task.RawStatus ?? "failed"}: {reason ?? "the provider gave no reason"}");
            }

            if (task is not { State: SeedanceTaskState.Succeeded })
            {
                // The chain ends here: failed (recorded), or stopped on request, which ends with the shots before this one.
                if (await _stops.RequestedAsync(id, cancellationToken))
                {
                    await _finisher.StoppedAsync(id, plan, shot, sequence.ShotCount, clips, unsaved, cancellationToken);
                }

                return;
            }

            var (video, problem) = await _saver.SaveAsync(task, cancellationToken);
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

        await _finisher.CompletedAsync(id, clips, unsaved, cancellationToken);
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
