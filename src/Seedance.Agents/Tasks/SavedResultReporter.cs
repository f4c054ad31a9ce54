using Seedance.Agents.Journal;
using Seedance.Agents.Results;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Tasks;

/// <summary>Turns what the journal knows, plus a fresh snapshot when there is one, into the report the model reads; saves finished results first.</summary>
internal sealed class SavedResultReporter
{
    private readonly TaskJournal _journal;
    private readonly ResultSaver _saver;

    public SavedResultReporter(TaskJournal journal, ResultSaver saver)
    {
        _journal = journal;
        _saver = saver;
    }

    /// <summary>
    /// The report for a fresh snapshot. A finished video is handed to the background saver, and the report waits for the
    /// save until <paramref name="saveUntil"/> (it says "saving, n %" with the link when the time is up first).
    /// </summary>
    public async Task<TaskReport> ReportAsync(SeedanceTask task, IReadOnlyList<string>? warnings, DateTimeOffset saveUntil,
        IProgress<ToolProgress>? progress, CancellationToken cancellationToken)
    {
        var entry = await _journal.FindAsync(task.Id, CancellationToken.None);
        var saved = _saver.Request(task, entry);
        saved = await _saver.WaitAsync(task.Id, saved, saveUntil, progress, cancellationToken);
        if (saved.Video is not null || saved.Frame is not null)
        {
            entry = await _journal.FindAsync(task.Id, CancellationToken.None) ?? entry;
        }

        return TaskReportFactory.Build(entry ?? TaskReportFactory.EntryFor(task), task, saved, warnings);
    }

    /// <summary>The report for a journal entry alone (no network).</summary>
    public async Task<TaskReport> ReportAsync(string taskId, IReadOnlyList<string>? warnings, CancellationToken cancellationToken)
    {
        var entry = await _journal.FindAsync(taskId, cancellationToken) ?? throw Tools.ToolErrorException.UnknownTask(taskId);
        return TaskReportFactory.Build(entry, task: null, saved: default, warnings);
    }
}
