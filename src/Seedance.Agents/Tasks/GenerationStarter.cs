using Seedance.Agents.Journal;
using Seedance.Agents.Results;
using Seedance.Agents.Tools;
using Seedance.Client.Requests;
using Seedance.Client.Validation;

namespace Seedance.Agents.Tasks;

/// <summary>Starts a paid generation (journaled submit) and reports it, after a short wait when the call asked for one.</summary>
internal sealed class GenerationStarter
{
    private readonly JournaledSubmitter _submitter;
    private readonly TaskWaiter _waiter;
    private readonly TaskReporter _reporter;
    private readonly TimeProvider _time;

    public GenerationStarter(JournaledSubmitter submitter, TaskWaiter waiter, TaskReporter reporter, TimeProvider time)
    {
        _submitter = submitter;
        _waiter = waiter;
        _reporter = reporter;
        _time = time;
    }

    /// <summary>Submits a valid request; <paramref name="warnings"/> (advice that did not block it) go into the report.</summary>
    public async Task<TaskReport> StartAsync(VideoGenerationRequest request, string? parentTaskId, IReadOnlyList<Violation> warnings, int wait, ToolCall call)
    {
        var deadline = call.DeadlineFor(wait);
        var submitted = await _submitter.SubmitAsync(request, parentTaskId, deadline, call.CancellationToken);
        var notes = warnings.Select(w => $"{w.Parameter}: {w.Message} ({w.Allowed})").ToList();
        if (submitted.Replayed)
        {
            notes.Add("the provider answered a repeated send of this request with the task it had already created (nothing was paid twice)");
        }

        if (submitted.JournalProblem is { } problem)
        {
            // The task exists and was paid for: say so with its id, never "nothing was sent".
            notes.Add($"the task was created, but this machine's journal could not record it ({problem}); keep the task_id, the server "
                + "keeps trying to record it");
            var entry = new JournalEntry
            {
                TaskId = submitted.TaskId,
                CreatedAt = _time.GetUtcNow(),
                UpdatedAt = _time.GetUtcNow(),
                RequestJson = "{}",
                Model = request.Model,
                Prompt = request.Prompt,
                ParentTaskId = parentTaskId,
                State = JournalState.Queued,
            };
            return TaskReportBuilder.Build(entry, task: null, saved: default, notes);
        }

        if (wait > 0)
        {
            var task = await _waiter.WaitAsync(submitted.TaskId, wait, call);
            return await _reporter.ReportAsync(task, notes, deadline - ToolCall.AnswerTime, call.Progress, call.CancellationToken);
        }

        return await _reporter.ReportAsync(submitted.TaskId, notes, CancellationToken.None);
    }
}
