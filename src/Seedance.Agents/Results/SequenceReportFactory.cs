using System.Globalization;
using Seedance.Agents.Journal;
using Seedance.Agents.Tasks;
using Seedance.Client.Serialization;

namespace Seedance.Agents.Results;

/// <summary>Turns a journaled sequence and its shots' task entries into the <see cref="SequenceReport"/> the model reads, with the next step.</summary>
internal static class SequenceReportFactory
{
    public static SequenceReport Build(SequenceEntry sequence, IReadOnlyList<JournalEntry> entries, IReadOnlyList<string>? warnings = null)
    {
        var plan = SequencePlan.Read(sequence.PlanJson);
        var shots = new List<ShotReport>();
        double weighted = 0, total = 0;
        for (var shot = 1; shot <= sequence.ShotCount; shot++)
        {
            var entry = entries.FirstOrDefault(e => e.Shot == shot);
            var duration = shot <= plan.Count ? plan[shot - 1].Duration
                : entry is not null && SeedanceJson.DeserializeRequest(entry.RequestJson) is { } sent ? sent.Duration : 5;
            var report = Shot(shot, entry, shot <= plan.Count ? plan[shot - 1].Prompt : entry?.Prompt, duration, sequence.State);
            shots.Add(report);
            total += duration;
            weighted += duration * (report.Status == "succeeded" ? 100 : report.Progress ?? 0) / 100.0;
        }

        var done = sequence.State is SequenceState.Succeeded or SequenceState.Unstitched or SequenceState.Stopped;
        var shotsDone = shots.Count(s => s.Status == "succeeded");
        var charged = shots.Where(s => s.CostUsd is not null).Select(s => s.CostUsd!.Value).ToArray();
        var lastGood = shots.LastOrDefault(s => s.Status == "succeeded")?.TaskId;
        return new SequenceReport
        {
            SequenceId = sequence.SequenceId,
            Status = sequence.State.ToString().ToLowerInvariant(),
            Done = sequence.State is not (SequenceState.Running or SequenceState.Stopping),
            Progress = done ? 100 : (int)Math.Floor(95 * (total > 0 ? weighted / total : 0)),
            ShotCount = sequence.ShotCount,
            ShotsDone = shotsDone,
            Shots = shots,
            FilmPath = ResultSaver.IsSaved(sequence.FilmPath) ? sequence.FilmPath : null,
            FilmDurationSeconds = ResultSaver.IsSaved(sequence.FilmPath) && sequence.FilmSeconds is { } seconds ? Math.Round(seconds, 3) : null,
            StitchMethod = ResultSaver.IsSaved(sequence.FilmPath) ? sequence.StitchMethod : null,
            StitchCommand = sequence.State is SequenceState.Unstitched or SequenceState.Stopped && !ResultSaver.IsSaved(sequence.FilmPath) ? sequence.StitchCommand : null,
            FailedShot = sequence.FailedShot,
            Error = sequence.Problem is { } problem && sequence.State != SequenceState.Succeeded
                ? new ReportedError(sequence.State switch
                {
                    SequenceState.Failed => "shot_failed",
                    SequenceState.Running or SequenceState.Stopping => "paused",
                    SequenceState.Stopped => "stopped",
                    _ => "not_stitched",
                }, problem)
                : null,
            EstimatedCostUsd = sequence.EstimatedCost,
            CostUsd = charged.Length > 0 ? charged.Sum() : null,
            CreatedAt = sequence.CreatedAt,
            Warnings = warnings is { Count: > 0 } ? warnings : null,
            NextStep = NextStep(sequence, shots, lastGood),
        };
    }

    private static ShotReport Shot(int shot, JournalEntry? entry, string? prompt, int duration, SequenceState film)
    {
        if (entry is null)
        {
            // A shot not sent waits only while the film runs: a stopped film skips it, a film ended by a failure (or the budget) never starts it.
            var status = film switch
            {
                SequenceState.Running => "waiting",
                SequenceState.Stopping or SequenceState.Stopped => "skipped",
                _ => "not_started",
            };
            return new ShotReport { Shot = shot, Status = status, Prompt = ReportText.Short(prompt, 200), Duration = duration };
        }

        var frame = ResultSaver.IsSaved(entry.LocalLastFramePath) ? entry.LocalLastFramePath : entry.LastFrameUrl;
        return new ShotReport
        {
            Shot = shot,
            Status = entry.State.ToString().ToLowerInvariant(),
            Prompt = ReportText.Short(prompt ?? entry.Prompt, 200),
            Duration = duration,
            TaskId = JournaledSubmitter.IsPlaceholder(entry.TaskId) && entry.State != JournalState.Unconfirmed ? null : entry.TaskId,
            Progress = entry.State == JournalState.Succeeded ? 100 : entry.Progress,
            VideoUrl = entry.VideoUrl,
            LocalVideoPath = ResultSaver.IsSaved(entry.LocalVideoPath) ? entry.LocalVideoPath : null,
            LastFrame = frame,
            EstimatedCostUsd = entry.EstimatedCost,
            CostUsd = entry.Cost,
            Error = entry.State is JournalState.Failed or JournalState.Cancelled && (entry.ErrorCode ?? entry.ErrorMessage) is not null
                ? new ReportedError(entry.ErrorCode, entry.ErrorMessage)
                : null,
        };
    }

    private static string NextStep(SequenceEntry sequence, List<ShotReport> shots, string? lastGood)
    {
        var id = sequence.SequenceId;
        switch (sequence.State)
        {
            case SequenceState.Succeeded:
                return $"The film is saved at {sequence.FilmPath}"
                    + (sequence.FilmSeconds is { } s ? $" ({s.ToString("0.#", CultureInfo.InvariantCulture)} s)" : string.Empty)
                    + "; each shot's clip is listed too. Give the user the film's path. To continue the film, call extend_video with "
                    + $"task_id \"{id}\" and a prompt for what happens next (the film is stitched again with the new shot).";
            case SequenceState.Unstitched:
                return sequence.StitchCommand is { } command
                    ? $"Every shot is saved, but no film was written: {sequence.Problem}. Give the user the shot files and this command: {command}"
                    : $"The shots are done, but no film was written: {sequence.Problem}. Give the user the shot links and files.";
            case SequenceState.Failed:
                var failed = sequence.FailedShot ?? shots.FirstOrDefault(s => s.Status is "failed" or "cancelled")?.Shot;
                return $"The film stopped at shot {failed}: {sequence.Problem}. The shots after it were not sent (nothing was charged for them)"
                    + (lastGood is not null
                        ? $"; the shots before it are saved. To finish the film, call extend_video with task_id \"{lastGood}\" (the last good shot) and shot "
                            + $"{failed}'s prompt, adjusted as the reason suggests, then continue from each new clip; or call generate_long_video again with the "
                            + "remaining shots (every shot is paid again)."
                        : ". Adjust the first shot's prompt or inputs as the reason suggests and call generate_long_video again (it is paid again).");
            case SequenceState.Stopping:
                var inFlight = shots.Where(s => s.Status is not ("succeeded" or "skipped")).Select(s => s.Shot).ToArray();
                return "Stopping: no further shot is sent (the skipped ones are never charged)"
                    + (inFlight.Length > 0 ? $"; shot {inFlight[0]}, already sent and paid for, is finished and saved first" : string.Empty)
                    + $", then the shots done are stitched into a shorter film. Call check_task with task_id \"{id}\" and wait=50 to follow it.";
            case SequenceState.Stopped:
                return ResultSaver.IsSaved(sequence.FilmPath)
                    ? $"The film was stopped on request and holds its first {sequence.ShotCount} shot(s): it is saved at {sequence.FilmPath}"
                        + (sequence.FilmSeconds is { } stopped ? $" ({stopped.ToString("0.#", CultureInfo.InvariantCulture)} s)" : string.Empty)
                        + $". Give the user the film's path. To go on from its last shot, call extend_video with task_id \"{id}\" and a prompt."
                    : sequence.ShotCount == 0
                        ? $"The film was stopped on request before any shot was finished: {sequence.Problem}. Nothing more will be sent or charged."
                        : $"The film was stopped on request: {sequence.Problem}. Give the user the shot files and links"
                            + (sequence.StitchCommand is { } stitch ? $", and this command to stitch them: {stitch}" : string.Empty) + ".";
            default:
                var current = shots.FirstOrDefault(s => s.Status != "succeeded");
                return $"The shots render one after another in the background of this server (about 1 to 5 minutes each"
                    + (current is not null ? $"; now shot {current.Shot} of {shots.Count}" : string.Empty)
                    + $"). Nothing more needs to be sent. Call check_task with task_id \"{id}\" and wait=50 to follow it (checking is free). "
                    + "Do not call generate_long_video again for this film: that pays for every shot again.";
        }
    }
}
