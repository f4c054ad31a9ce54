using System.Globalization;
using Seedance.Agents.Journal;
using Seedance.Agents.Tasks;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Results;

/// <summary>Merges what the journal knows with a fresh snapshot (if any) into a <see cref="TaskReport"/>, with the next step spelled out.</summary>
internal static class TaskReportFactory
{
    public static TaskReport Build(JournalEntry entry, SeedanceTask? task, SaveState saved, IReadOnlyList<string>? warnings)
    {
        var state = task is null ? entry.State : TaskJournal.StateOf(task.State);
        var video = saved.Video ?? (ResultSaver.IsSaved(entry.LocalVideoPath) ? entry.LocalVideoPath : null);
        var frame = saved.Frame ?? (ResultSaver.IsSaved(entry.LocalLastFramePath) ? entry.LocalLastFramePath : null);
        var errorCode = task?.Error?.Code ?? entry.ErrorCode;
        var errorMessage = task?.Error?.Message ?? entry.ErrorMessage;
        var expires = task?.ExpiresAt ?? entry.ExpiresAt;

        return new TaskReport
        {
            TaskId = entry.TaskId,
            Status = state.ToString().ToLowerInvariant(),
            Done = state is JournalState.Succeeded or JournalState.Failed or JournalState.Cancelled,
            Progress = task?.Progress ?? entry.Progress,
            ProviderStatus = task?.RawStatus ?? entry.ProviderStatus,
            Model = entry.Model,
            Prompt = ReportText.Short(entry.Prompt, 300),
            VideoUrl = task?.VideoUrl ?? entry.VideoUrl,
            VideoExpiresAt = expires,
            LastFrameUrl = task?.LastFrameUrl ?? entry.LastFrameUrl,
            LocalVideoPath = video,
            LocalLastFramePath = frame,
            SaveStatus = saved.Status switch
            {
                SaveStatus.Saving => "saving",
                SaveStatus.Saved => "saved",
                SaveStatus.Failed => "failed",
                _ => video is not null ? "saved" : null,
            },
            SavePercent = saved.Status == SaveStatus.Saving ? saved.Percent ?? 0 : null,
            DownloadError = saved.Problem,
            CostUsd = task?.Cost ?? entry.Cost,
            EstimatedCostUsd = entry.EstimatedCost,
            EstimateSource = entry.EstimateSource,
            EstimateBasis = entry.EstimateBasis,
            Error = state is JournalState.Failed or JournalState.Cancelled or JournalState.Unconfirmed && (errorCode ?? errorMessage) is not null
                ? new ReportedError(errorCode, errorMessage)
                : null,
            ParentTaskId = entry.ParentTaskId,
            SequenceId = entry.SequenceId,
            Shot = entry.Shot,
            CreatedAt = entry.CreatedAt,
            Warnings = WithDroppedLinks(warnings, task) is { Count: > 0 } all ? all : null,
            NextStep = NextStep(entry.TaskId, state, video, expires, saved),
        };
    }

    /// <summary>A stand-in entry for a snapshot the journal does not hold.</summary>
    public static JournalEntry EntryFor(SeedanceTask task) => new()
    {
        TaskId = task.Id,
        CreatedAt = task.CreatedAt ?? DateTimeOffset.UnixEpoch,
        UpdatedAt = task.CreatedAt ?? DateTimeOffset.UnixEpoch,
        RequestJson = "{}",
        State = TaskJournal.StateOf(task.State),
    };

    private static string NextStep(string taskId, JournalState state, string? localVideo, DateTimeOffset? expires, SaveState saved) => state switch
    {
        JournalState.Succeeded when saved.Status == SaveStatus.Saving => $"The video is ready at video_url and is being saved on this machine "
            + $"({saved.Percent ?? 0}%). Give the user the link now; call check_task with task_id \"{taskId}\" and wait=20 to get the saved file's path"
            + (expires is { } until ? $" (the link expires at {until.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)})." : "."),
        JournalState.Succeeded when saved.Status == SaveStatus.Failed && localVideo is null => "The video is ready at video_url but is not saved on "
            + "this machine (download_error says why), so there is no file to give the user: give them the link, and once the cause is fixed (a full "
            + $"disk freed, say) call check_task with task_id \"{taskId}\" to save it (a partial download resumes where it stopped)"
            + (expires is { } by ? $"; the link expires at {by.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}." : "."),
        JournalState.Succeeded => (localVideo is null ? "The video is ready at video_url; " : $"The video is saved at {localVideo}; ")
            + (expires is { } e ? $"the link expires at {e.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}. " : string.Empty)
            + (localVideo is null ? "Give the user the link. " : "Give the user the file path and the link. ")
            + $"To continue the clip, call extend_video with task_id \"{taskId}\" and a prompt for what happens next.",
        JournalState.Failed or JournalState.Cancelled => "The task produced no video and nothing can be downloaded. Adjust the prompt or inputs as the "
            + "error suggests and call generate_video again (a new task is paid again).",
        JournalState.Unconfirmed or JournalState.Submitting => "This submit may or may not have created a task (and been charged). "
            + UnsureSubmitAdvice.For(taskId),
        _ => $"Rendering usually takes 1 to 5 minutes. Call check_task with task_id \"{taskId}\" and wait=50 to follow it (checking is free). "
            + "Do not call generate_video again for this video.",
    };

    // Links that are not http(s) never reach the model as links; it is told that some were left out, and of what kind.
    private static IReadOnlyList<string>? WithDroppedLinks(IReadOnlyList<string>? warnings, SeedanceTask? task) =>
        task is not { DroppedLinks.Count: > 0 } ? warnings
            : [.. warnings ?? [], $"the provider's answer held {task.DroppedLinks.Count} result link(s) that are not http(s) "
                + $"({string.Join(", ", task.DroppedLinks.Distinct(StringComparer.Ordinal))}); they were left out: do not give them to the user"];
}
