using System.Text.Json;
using Seedance.Agents.Arguments;
using Seedance.Agents.Downloads;
using Seedance.Agents.Journal;
using Seedance.Agents.Results;
using Seedance.Client.Errors;
using Seedance.Client.Tasks;
using Seedance.Client.Validation;

namespace Seedance.Agents.Tools;

public sealed partial class SeedanceToolService
{
    private static readonly string[] CheckArguments = ["task_id", "wait"];

    /// <summary>check_task: reads (or waits on) a task, journals what it saw, downloads a finished video.</summary>
    public async Task<TaskReport> CheckTaskAsync(JsonElement arguments, IProgress<ToolProgress>? progress, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(arguments, CheckArguments);
        var taskId = RequiredTaskId(reader, ToolNames.CheckTask);
        var wait = (int)(reader.Integer("wait", "wait", 0, SeedanceAgentOptions.MaxWaitSeconds) ?? 0);
        if (reader.Violations.Count > 0)
        {
            throw InvalidArguments(ToolNames.CheckTask, reader.Violations);
        }

        if (taskId.StartsWith("unconfirmed-", StringComparison.Ordinal))
        {
            var entry = await _journal.FindAsync(taskId, cancellationToken) ?? throw UnknownTask(taskId);
            return BuildReport(entry, task: null, download: default, warnings: null);
        }

        var task = wait > 0
            ? await WaitBrieflyAsync(taskId, wait, progress, cancellationToken)
            : await ReadTaskAsync(taskId, cancellationToken);
        return await ReportAsync(task, warnings: null, cancellationToken);
    }

    /// <summary>Reads a task and records it; an unknown id becomes a clear tool error.</summary>
    private async Task<SeedanceTask> ReadTaskAsync(string taskId, CancellationToken cancellationToken)
    {
        SeedanceTask task;
        try
        {
            task = await _client.GetTaskAsync(taskId, cancellationToken);
        }
        catch (SeedanceApiException ex) when (ex.Kind == SeedanceErrorKind.TaskNotFound)
        {
            throw UnknownTask(taskId);
        }

        await _journal.RecordStatusAsync(task, CancellationToken.None);
        return task;
    }

    /// <summary>Polls a task for at most <paramref name="seconds"/>, reporting progress at least every heartbeat.</summary>
    private async Task<SeedanceTask> WaitBrieflyAsync(string taskId, int seconds, IProgress<ToolProgress>? progress, CancellationToken cancellationToken)
    {
        var start = _time.GetUtcNow();
        var deadline = start + TimeSpan.FromSeconds(seconds);
        while (true)
        {
            var task = await ReadTaskAsync(taskId, cancellationToken);
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
            $"{task.Id}: {task.RawStatus ?? task.State.ToString().ToLowerInvariant()} {task.Progress ?? 0}% (waited {Ago(waited)} of {seconds} s)"));

    /// <summary>The report for a fresh snapshot: downloads a finished video first.</summary>
    private async Task<TaskReport> ReportAsync(SeedanceTask task, IReadOnlyList<string>? warnings, CancellationToken cancellationToken)
    {
        var entry = await _journal.FindAsync(task.Id, CancellationToken.None);
        var download = task.State == SeedanceTaskState.Succeeded ? await DownloadAsync(task, entry, cancellationToken) : default;
        if (download.Video is not null || download.Frame is not null)
        {
            await _journal.RecordLocalFilesAsync(task.Id, download.Video, download.Frame, CancellationToken.None);
            entry = await _journal.FindAsync(task.Id, CancellationToken.None);
        }

        return BuildReport(entry!, task, download, warnings);
    }

    private async Task<Downloaded> DownloadAsync(SeedanceTask task, JournalEntry? entry, CancellationToken cancellationToken)
    {
        if (!_options.DownloadResults || task.VideoUrl is null)
        {
            return default;
        }

        string? video = IsLocalCopy(entry?.LocalVideoPath) ? entry!.LocalVideoPath : null;
        string? frame = IsLocalCopy(entry?.LocalLastFramePath) ? entry!.LocalLastFramePath : null;
        var problems = new List<string>();
        try
        {
            video ??= await _downloader.DownloadAsync(task.VideoUrl, VideoDownloader.FileNameFor(task.Id, ".mp4"), cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or UnauthorizedAccessException or TaskCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            problems.Add($"video: {ex.Message}");
        }

        if (task.LastFrameUrl is not null)
        {
            try
            {
                frame ??= await _downloader.DownloadAsync(task.LastFrameUrl, VideoDownloader.FileNameFor(task.Id, ".last-frame.png"), cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or UnauthorizedAccessException or TaskCanceledException
                && !cancellationToken.IsCancellationRequested)
            {
                problems.Add($"last frame: {ex.Message}");
            }
        }

        return new Downloaded(video, frame, problems.Count == 0 ? null : string.Join(" ", problems));
    }

    private static string RequiredTaskId(ArgumentReader reader, string tool)
    {
        var taskId = reader.String("task_id", "args")?.Trim();
        if (string.IsNullOrEmpty(taskId))
        {
            if (!reader.Violations.Any(v => v.Parameter == "task_id"))
            {
                reader.Add(new Violation("args", "task_id", null, "the task_id that generate_video or extend_video returned (list_tasks shows recent ones)",
                    $"{tool} needs a task_id"));
            }

            return string.Empty;
        }

        return taskId;
    }

    private static ToolFailure UnknownTask(string taskId) => new(new ToolError
    {
        Kind = "unknown_task",
        Error = $"No task '{taskId}' is known here or at the provider.",
        NextStep = "Call list_tasks to find the task_id of the video (it starts with task_).",
    });

    /// <summary>Files saved for a task, and why not when a download failed.</summary>
    private readonly record struct Downloaded(string? Video, string? Frame, string? Problem);
}
