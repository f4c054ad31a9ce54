using Seedance.Agents.Journal;
using Seedance.Agents.Tools;
using Seedance.Client;
using Seedance.Client.Errors;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Tasks;

/// <summary>The second step of a long video's shot: following its task until it ends, on the client's polling schedule.</summary>
internal sealed class ShotFollower
{
    // Reading a shot that cannot be read this many times in a row leaves the chain for check_task to pick up again.
    private const int MaxReadErrors = 20;

    private readonly SeedanceClient _client;
    private readonly TaskJournal _journal;
    private readonly TaskWaiter _waiter;
    private readonly SequenceStops _stops;
    private readonly TimeProvider _time;

    public ShotFollower(SeedanceClient client, TaskJournal journal, TaskWaiter waiter, SequenceStops stops, TimeProvider time)
    {
        _client = client;
        _journal = journal;
        _waiter = waiter;
        _stops = stops;
        _time = time;
    }

    /// <summary>Polls a shot until it ends, recording each snapshot; null when the chain pauses because the task cannot be read.</summary>
    public async Task<SeedanceTask?> FollowAsync(string id, int shot, string taskId, CancellationToken cancellationToken)
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
            catch (ToolErrorException)
            {
                await _stops.FailAsync(id, shot, $"the provider does not know shot {shot}'s task {taskId}");
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
}
