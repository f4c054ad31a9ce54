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

    /// <summary>Reads a task (the attempt ends by <paramref name="deadline"/>) and records it; an unknown id becomes a clear tool error.</summary>
    public async Task<SeedanceTask> ReadAsync(string taskId, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        SeedanceTask task;
        try
        {
            task = await _client.GetTaskAsync(taskId, deadline, cancellationToken);
        }
        catch (SeedanceApiException ex) when (ex.Kind == SeedanceErrorKind.TaskNotFound)
        {
            throw ToolErrorException.UnknownTask(taskId);
        }

        try
        {
            await _journal.RecordStatusAsync(task, CancellationToken.None);
        }
        catch (TaskJournalException)
        {
            // A status the journal cannot keep now is still worth answering with; the next check records it.
        }

        return task;
    }

    /// <summary>Reads the task once, or polls it for at most <paramref name="seconds"/> when that is above zero.</summary>
    public Task<SeedanceTask> ReadOrWaitAsync(string taskId, int seconds, ToolCall call) =>
        seconds > 0 ? WaitAsync(taskId, seconds, call) : ReadAsync(taskId, call.DeadlineFor(0), call.CancellationToken);

    /// <summary>Polls a task for at most <paramref name="seconds"/> (within the call's deadline), returning as soon as it ends.</summary>
    public async Task<SeedanceTask> WaitAsync(string taskId, int seconds, ToolCall call)
    {
        var progress = call.Progress;
        var cancellationToken = call.CancellationToken;
        var start = _time.GetUtcNow();
        var readDeadline = call.DeadlineFor(seconds) - ToolCall.AnswerTime;

        // When the call's limit cuts the wait short (a price question took part of it), the last poll still needs time to read.
        var deadline = Min(start + TimeSpan.FromSeconds(seconds), readDeadline - LastReadTime);
        while (true)
        {
            var task = await ReadAsync(taskId, readDeadline, cancellationToken);
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

    // Time kept for the last status read of a wait that runs up to the call's limit.
    private static readonly TimeSpan LastReadTime = TimeSpan.FromSeconds(3);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static void Report(IProgress<ToolProgress>? progress, SeedanceTask task, TimeSpan waited, int seconds) =>
        progress?.Report(new ToolProgress(task.Progress ?? 0,
            $"{task.Id}: {task.RawStatus ?? task.State.ToString().ToLowerInvariant()} {task.Progress ?? 0}% (waited {ReportText.Ago(waited)} of "
            + $"{seconds.ToString(CultureInfo.InvariantCulture)} s)"));
}
