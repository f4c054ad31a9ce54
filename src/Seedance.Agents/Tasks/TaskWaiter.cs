using System.Globalization;
using Seedance.Agents.Journal;
using Seedance.Agents.Results;
using Seedance.Agents.Tools;
using Seedance.Client;
using Seedance.Client.Errors;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Tasks;

/// <summary>
/// Reads a task's state (recording each snapshot in the journal) and waits on it for at most the seconds a tool call
/// may take, reporting progress at least every heartbeat so the client hears from the server while it waits.
/// </summary>
internal sealed class TaskWaiter
{
    private readonly SeedanceClient _client;
    private readonly TaskJournal _journal;
    private readonly SeedanceAgentOptions _options;
    private readonly TimeProvider _time;

    public TaskWaiter(SeedanceClient client, TaskJournal journal, SeedanceAgentOptions options, TimeProvider time)
    {
        _client = client;
        _journal = journal;
        _options = options;
        _time = time;
    }

    /// <summary>Reads a task and records it; an unknown id becomes a clear tool error.</summary>
    public async Task<SeedanceTask> ReadAsync(string taskId, CancellationToken cancellationToken)
    {
        SeedanceTask task;
        try
        {
            task = await _client.GetTaskAsync(taskId, cancellationToken);
        }
        catch (SeedanceApiException ex) when (ex.Kind == SeedanceErrorKind.TaskNotFound)
        {
            throw ToolFailure.UnknownTask(taskId);
        }

        await _journal.RecordStatusAsync(task, CancellationToken.None);
        return task;
    }

    /// <summary>Reads the task once, or polls it for at most <paramref name="seconds"/> when that is above zero.</summary>
    public Task<SeedanceTask> ReadOrWaitAsync(string taskId, int seconds, IProgress<ToolProgress>? progress, CancellationToken cancellationToken) =>
        seconds > 0 ? WaitAsync(taskId, seconds, progress, cancellationToken) : ReadAsync(taskId, cancellationToken);

    /// <summary>Polls a task for at most <paramref name="seconds"/>, returning as soon as it ends.</summary>
    public async Task<SeedanceTask> WaitAsync(string taskId, int seconds, IProgress<ToolProgress>? progress, CancellationToken cancellationToken)
    {
        var start = _time.GetUtcNow();
        var deadline = start + TimeSpan.FromSeconds(seconds);
        while (true)
        {
            var task = await ReadAsync(taskId, cancellationToken);
            var reported = _time.GetUtcNow();
            Report(progress, task, reported - start, seconds);
            if (task.IsTerminal || reported >= deadline)
            {
                return task;
            }

            // Until the next poll, wake at each heartbeat so the client hears from us every few seconds.
            var nextPoll = Min(reported + _options.WaitPollInterval, deadline);
            while (true)
            {
                var now = _time.GetUtcNow();
                if (now >= nextPoll)
                {
                    break;
                }

                var wake = Min(nextPoll, reported + _options.ProgressHeartbeat);
                await Task.Delay(Max(wake - now, TimeSpan.FromMilliseconds(1)), _time, cancellationToken);
                now = _time.GetUtcNow();
                if (now < nextPoll && now - reported >= _options.ProgressHeartbeat)
                {
                    Report(progress, task, now - start, seconds);
                    reported = now;
                }
            }
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static void Report(IProgress<ToolProgress>? progress, SeedanceTask task, TimeSpan waited, int seconds) =>
        progress?.Report(new ToolProgress(task.Progress ?? 0,
            $"{task.Id}: {task.RawStatus ?? task.State.ToString().ToLowerInvariant()} {task.Progress ?? 0}% (waited {ReportText.Ago(waited)} of "
            + $"{seconds.ToString(CultureInfo.InvariantCulture)} s)"));
}
