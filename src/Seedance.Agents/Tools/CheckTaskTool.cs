using Seedance.Agents.Journal;
using Seedance.Agents.Parameters;
using Seedance.Agents.Results;
using Seedance.Agents.Tasks;
using Seedance.Client.Models;

namespace Seedance.Agents.Tools;

/// <summary>check_task: reads (or waits on) a task, journals what it saw, saves a finished video.</summary>
internal sealed class CheckTaskTool : ISeedanceTool
{
    private readonly TaskJournal _journal;
    private readonly SequenceJournal _films;
    private readonly JournaledSubmitter _submitter;
    private readonly TaskWaiter _waiter;
    private readonly SavedResultReporter _reporter;
    private readonly SequenceReporter _sequences;

    public CheckTaskTool(TaskJournal journal, SequenceJournal films, JournaledSubmitter submitter, TaskWaiter waiter, SavedResultReporter reporter,
        SequenceReporter sequences)
    {
        _sequences = sequences;
        _journal = journal;
        _films = films;
        _submitter = submitter;
        _waiter = waiter;
        _reporter = reporter;
    }

    public ParameterTable Parameters => ToolParameters.Check;

    public string Name => ToolNames.CheckTask;

    public static SeedanceToolDefinition Define(ModelCatalog catalog) => new()
    {
        Name = ToolNames.CheckTask,
        Title = "Check a video task",
        Description =
            "Get the state of a video task made by generate_video or extend_video: progress, and once finished the video "
            + "link (it expires at video_expires_at), the path of the downloaded file, the last-frame link, the cost, "
            + "or the provider's reason for a failure. Checking is free. Pass wait (0 to 50 seconds) to block until the task "
            + "ends or the time is up; progress is reported while waiting. Call it again with the same task_id until done is true. "
            + "Given the sequence_id (seq_…) of generate_long_video, it reports every shot, the overall progress and, once stitched, the film's path.",
        InputSchema = ParameterSchema.Write(ToolParameters.Check, catalog),
        OutputSchema = OutputSchemas.TaskReport,
        ReadOnly = true,
        Idempotent = true,
        OpenWorld = true,
    };

    public async Task<ToolOutcome> InvokeAsync(ToolArguments read, ToolCall call)
    {
        var cancellationToken = call.CancellationToken;
        var taskId = read.Text(ToolParameters.CheckTaskId)!.Trim();
        var wait = read.Number(ToolParameters.Wait);
        if (SequencePlan.IsSequenceId(taskId) && await _films.FindSequenceAsync(taskId, cancellationToken) is not null)
        {
            return ToolOutcomes.Success(await _sequences.ReportAsync(taskId, wait, call));
        }

        IReadOnlyList<string>? notes = null;
        if (JournaledSubmitter.IsPlaceholder(taskId))
        {
            // An unconfirmed submit: settle it by sending the identical request again with its key (the provider answers
            // with the task it made, if it made one), then report on the real task.
            var entry = await _journal.FindAsync(taskId, cancellationToken);
            if (entry is null && await _journal.FindByKeyPrefixAsync(JournaledSubmitter.KeyPrefixOf(taskId), cancellationToken) is { } settled
                && !JournaledSubmitter.IsPlaceholder(settled.TaskId))
            {
                // Settled meanwhile (in the background, or by another process): follow the task it turned out to be.
                var found = await _waiter.ReadOrWaitAsync(settled.TaskId, wait, call);
                return ToolOutcomes.Success(await _reporter.ReportAsync(found,
                    [$"this submit is settled: the provider had created task {settled.TaskId} for it; use that task_id from now on"],
                    call.DeadlineFor(wait) - ToolCall.AnswerTime, call.Progress, cancellationToken));
            }

            if (entry is null)
            {
                throw ToolErrorException.UnknownTask(taskId);
            }
            var (outcome, recovered) = await _submitter.RecoverAsync(entry, call.DeadlineFor(0) - ToolCall.AnswerTime, cancellationToken);
            if (outcome != RecoveryOutcome.Confirmed || recovered is null || recovered == taskId)
            {
                return ToolOutcomes.Success(await _reporter.ReportAsync(taskId, RecoveryNote(outcome), cancellationToken));
            }

            notes = [$"this submit is settled: the provider had created task {recovered} for it (sending it again did not pay twice); use that task_id from now on"];
            taskId = recovered;
        }

        var task = await _waiter.ReadOrWaitAsync(taskId, wait, call);
        return ToolOutcomes.Success(await _reporter.ReportAsync(task, notes, call.DeadlineFor(wait) - ToolCall.AnswerTime, call.Progress, cancellationToken));
    }

    private static IReadOnlyList<string>? RecoveryNote(RecoveryOutcome outcome) => outcome switch
    {
        RecoveryOutcome.TooOld => ["this submit is older than the recovery window, so it can no longer be settled from here: it may have created "
            + "a task (and been charged). Check the provider's console (https://apimart.ai: tasks and usage) before starting it again"],
        RecoveryOutcome.Refused => ["sent again to settle it, the request was refused by the provider: no task was created and nothing was charged"],
        RecoveryOutcome.StillUnknown => ["the provider could not settle this submit now; call check_task with this id again in a minute (sending it "
            + "again never creates a second task)"],
        _ => null,
    };
}
