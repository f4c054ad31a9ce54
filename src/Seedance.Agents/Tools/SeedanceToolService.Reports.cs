using System.Globalization;
using System.Text;
using Seedance.Agents.Journal;
using Seedance.Agents.Results;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Tools;

public sealed partial class SeedanceToolService
{
    /// <summary>Merges what the journal knows with a fresh snapshot (if any) into the report the model reads.</summary>
    private static TaskReport BuildReport(JournalEntry entry, SeedanceTask? task, Downloaded download, IReadOnlyList<string>? warnings)
    {
        var state = task is null ? entry.State : TaskJournal.StateOf(task.State);
        var status = StatusName(state);
        var video = download.Video ?? (IsLocalCopy(entry.LocalVideoPath) ? entry.LocalVideoPath : null);
        var frame = download.Frame ?? (IsLocalCopy(entry.LocalLastFramePath) ? entry.LocalLastFramePath : null);
        var errorCode = task?.Error?.Code ?? entry.ErrorCode;
        var errorMessage = task?.Error?.Message ?? entry.ErrorMessage;
        var expires = task?.ExpiresAt ?? entry.ExpiresAt;

        return new TaskReport
        {
            TaskId = entry.TaskId,
            Status = status,
            Done = state is JournalState.Succeeded or JournalState.Failed or JournalState.Cancelled,
            Progress = task?.Progress ?? entry.Progress,
            ProviderStatus = task?.RawStatus ?? entry.ProviderStatus,
            Model = entry.Model,
            Prompt = Short(entry.Prompt, 300),
            VideoUrl = task?.VideoUrl ?? entry.VideoUrl,
            VideoExpiresAt = expires,
            LastFrameUrl = task?.LastFrameUrl ?? entry.LastFrameUrl,
            LocalVideoPath = video,
            LocalLastFramePath = frame,
            DownloadError = download.Problem,
            CostUsd = task?.Cost ?? entry.Cost,
            Error = state is JournalState.Failed or JournalState.Cancelled or JournalState.Unconfirmed && (errorCode ?? errorMessage) is not null
                ? new ReportedError(errorCode, errorMessage)
                : null,
            ParentTaskId = entry.ParentTaskId,
            CreatedAt = entry.CreatedAt,
            Warnings = warnings is { Count: > 0 } ? warnings : null,
            NextStep = NextStep(entry.TaskId, state, video, expires),
        };
    }

    private static string NextStep(string taskId, JournalState state, string? localVideo, DateTimeOffset? expires) => state switch
    {
        JournalState.Succeeded => (localVideo is null ? "The video is ready at video_url; " : $"The video is saved at {localVideo}; ")
            + (expires is { } e ? $"the link expires at {e.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}. " : string.Empty)
            + $"Give the user the file path and the link. To continue the clip, call extend_video with task_id \"{taskId}\" and a prompt for what happens next.",
        JournalState.Failed or JournalState.Cancelled => "The task produced no video and nothing can be downloaded. Adjust the prompt or inputs as the "
            + "error suggests and call generate_video again (a new task is paid again).",
        JournalState.Unconfirmed => "This submit may or may not have created a task (and been charged). Do not resubmit right away: ask the user to "
            + "check the provider's dashboard or balance first.",
        _ => $"Rendering usually takes 1 to 5 minutes. Call check_task with task_id \"{taskId}\" and wait=50 to follow it (checking is free). "
            + "Do not call generate_video again for this video.",
    };

    private static string Describe(TaskReport report)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Task {report.TaskId}: {report.Status}");
        if (report.Progress is { } progress && !report.Done)
        {
            text.Append(CultureInfo.InvariantCulture, $" ({progress}%)");
        }

        text.Append('.');
        if (report.LocalVideoPath is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" Video file: {report.LocalVideoPath}.");
        }

        if (report.VideoUrl is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" Link: {report.VideoUrl}.");
        }

        if (report.LastFrameUrl is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" Last frame: {report.LocalLastFramePath ?? report.LastFrameUrl}.");
        }

        if (report.CostUsd is { } cost)
        {
            text.Append(CultureInfo.InvariantCulture, $" Cost: ${cost}.");
        }

        if (report.Error is { } error)
        {
            text.Append(CultureInfo.InvariantCulture, $" Reason: {error.Message ?? error.Code}.");
        }

        if (report.DownloadError is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" Download problem: {report.DownloadError}");
        }

        foreach (var warning in report.Warnings ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $" Warning: {warning}.");
        }

        text.Append(" Next: ").Append(report.NextStep);
        return text.ToString();
    }

    private static string Describe(TaskListReport list)
    {
        if (list.Count == 0)
        {
            return "No tasks are recorded yet. " + list.NextStep;
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{list.Count} recent task{(list.Count == 1 ? string.Empty : "s")}, newest first:");
        foreach (var task in list.Tasks)
        {
            text.Append(CultureInfo.InvariantCulture, $" {task.TaskId} ({task.Status}{(task.Progress is { } p && !task.Done ? $", {p}%" : string.Empty)}");
            if (task.Prompt is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $", \"{Short(task.Prompt, 60)}\"");
            }

            if (task.LocalVideoPath is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $", {task.LocalVideoPath}");
            }

            text.Append(");");
        }

        text.Append(" Next: ").Append(list.NextStep);
        return text.ToString();
    }
}
