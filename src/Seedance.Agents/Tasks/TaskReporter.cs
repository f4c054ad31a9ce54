using Seedance.Agents.Journal;
using Seedance.Agents.Results;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Tasks;

/// <summary>Turns what the journal knows, plus a fresh snapshot when there is one, into the report the model reads; saves finished results first.</summary>
internal sealed class TaskReporter
{
    private readonly TaskJournal _journal;
    private readonly ResultSaver _saver;

    public TaskReporter(TaskJournal journal, ResultSaver saver)
    {
        _journal = journal;
        _saver = saver;
    }

    /// <summary>The report for a fresh snapshot: a finished video is saved first.</summary>
    public async Task<TaskReport> ReportAsync(SeedanceTask task, IReadOnlyList<string>? warnings, CancellationToken cancellationToken)
    {
        var entry = await _journal.FindAsync(task.Id, CancellationToken.None);
        var saved = await _saver.SaveAsync(task, entry, cancellationToken);
        if (saved.Video is not null || saved.Frame is not null)
        {
            entry = await _journal.FindAsync(task.Id, CancellationToken.None);
        }

        return TaskReportBuilder.Build(entry ?? TaskReportBuilder.EntryFor(task), task, saved, warnings);
    }

    /// <summary>The report for a journal entry alone (no network).</summary>
    public async Task<TaskReport> ReportAsync(string taskId, IReadOnlyList<string>? warnings, CancellationToken cancellationToken)
    {
        var entry = await _journal.FindAsync(taskId, cancellationToken) ?? throw Tools.ToolFailure.UnknownTask(taskId);
        return TaskReportBuilder.Build(entry, task: null, saved: default, warnings);
    }
}
