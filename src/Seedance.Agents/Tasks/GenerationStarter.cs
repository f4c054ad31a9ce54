using Seedance.Agents.Results;
using Seedance.Client.Requests;
using Seedance.Client.Validation;

namespace Seedance.Agents.Tasks;

/// <summary>Starts a paid generation (journaled submit) and reports it, after a short wait when the call asked for one.</summary>
internal sealed class GenerationStarter
{
    private readonly JournaledSubmitter _submitter;
    private readonly TaskWaiter _waiter;
    private readonly TaskReporter _reporter;

    public GenerationStarter(JournaledSubmitter submitter, TaskWaiter waiter, TaskReporter reporter)
    {
        _submitter = submitter;
        _waiter = waiter;
        _reporter = reporter;
    }

    /// <summary>Submits a valid request; <paramref name="warnings"/> (advice that did not block it) go into the report.</summary>
    public async Task<TaskReport> StartAsync(VideoGenerationRequest request, string? parentTaskId, IReadOnlyList<Violation> warnings, int wait,
        IProgress<ToolProgress>? progress, CancellationToken cancellationToken)
    {
        var submitted = await _submitter.SubmitAsync(request, parentTaskId, cancellationToken);
        var notes = warnings.Select(w => $"{w.Parameter}: {w.Message} ({w.Allowed})").ToArray();
        if (wait > 0)
        {
            var task = await _waiter.WaitAsync(submitted.TaskId, wait, progress, cancellationToken);
            return await _reporter.ReportAsync(task, notes, cancellationToken);
        }

        return await _reporter.ReportAsync(submitted.TaskId, notes, CancellationToken.None);
    }
}
