using Seedance.Agents.Journal;
using Seedance.Agents.Parameters;
using Seedance.Agents.Results;
using Seedance.Client.Models;
using Seedance.Client.Validation;

namespace Seedance.Agents.Tools;

/// <summary>list_tasks: recent journal entries, newest first, without any network call.</summary>
internal sealed class ListTasksTool : ISeedanceTool
{
    private static readonly Dictionary<string, JournalState[]> Filters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["all"] = [],
        ["active"] = [JournalState.Queued, JournalState.Running],
        ["succeeded"] = [JournalState.Succeeded],
        ["failed"] = [JournalState.Failed, JournalState.Cancelled],
        ["unconfirmed"] = [JournalState.Unconfirmed, JournalState.Submitting],
    };

    // Which long videos each filter shows (unconfirmed submits are tasks; a sequence is never unconfirmed itself).
    private static readonly Dictionary<string, SequenceState[]> SequenceFilters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["all"] = [SequenceState.Running, SequenceState.Succeeded, SequenceState.Unstitched, SequenceState.Failed, SequenceState.Stopping,
            SequenceState.Stopped],
        ["active"] = [SequenceState.Running, SequenceState.Stopping],
        ["succeeded"] = [SequenceState.Succeeded, SequenceState.Unstitched, SequenceState.Stopped],
        ["failed"] = [SequenceState.Failed],
        ["unconfirmed"] = [],
    };

    private readonly TaskJournal _journal;
    private readonly SequenceJournal _films;

    public ListTasksTool(TaskJournal journal, SequenceJournal films)
    {
        _journal = journal;
        _films = films;
    }

    /// <summary>The status filters, in the order the schema lists them.</summary>
    public static IReadOnlyList<string> FilterNames { get; } = [.. Filters.Keys];

    public ParameterTable Parameters => ToolParameters.List;

    public string Name => ToolNames.ListTasks;

    public static SeedanceToolDefinition Define(ModelCatalog catalog) => new()
    {
        Name = ToolNames.ListTasks,
        Title = "List video tasks",
        Description =
            "List recent video tasks from this machine's journal, newest first: task_id, status, prompt, links, local files "
            + "and cost, and the long videos (generate_long_video) with their shots. Free and offline. Use it to find a task_id that was lost, to see what is still rendering, or to find "
            + "submits whose outcome is unconfirmed (check those before generating again, which would pay twice).",
        InputSchema = ParameterSchema.Write(ToolParameters.List, catalog),
        OutputSchema = OutputSchemas.TaskList,
        ReadOnly = true,
        Idempotent = true,
    };

    public async Task<ToolOutcome> InvokeAsync(ToolArguments read, ToolCall call)
    {
        var cancellationToken = call.CancellationToken;
        var limit = read.Number(ToolParameters.Limit);
        var status = read.Text(ToolParameters.Status)!;
        if (!Filters.TryGetValue(status, out var states))
        {
            read.Add(new Violation(ToolParameters.ArgumentRule, "status", status, string.Join(", ", FilterNames), "unknown status filter"));
        }

        // One more than asked shows whether an older page exists.
        var offset = read.Number(ToolParameters.Offset);
        var entries = await _journal.ListAsync(limit + 1, offset, states, cancellationToken);
        var more = entries.Count > limit;
        var tasks = entries.Take(limit).Select(e => TaskReportFactory.Build(e, task: null, saved: default, warnings: null)).ToArray();
        var sequences = new List<SequenceReport>();
        foreach (var sequence in offset > 0 ? Array.Empty<SequenceEntry>() : await _films.ListSequencesAsync(limit, cancellationToken: cancellationToken))
        {
            if (SequenceFilters[status].Contains(sequence.State))
            {
                sequences.Add(SequenceReportFactory.Build(sequence, await _films.ShotsAsync(sequence.SequenceId, cancellationToken)));
            }
        }

        return ToolOutcomes.Success(new TaskListReport
        {
            Tasks = tasks,
            Sequences = sequences.Count > 0 ? sequences : null,
            JournalPath = _journal.Path,
            HasMore = more,
            NextOffset = more ? offset + limit : null,
            NextStep = (tasks.Length == 0
                ? offset > 0 ? $"No tasks past the newest {offset}. Call list_tasks without offset for the newest." : "No tasks recorded yet. Call generate_video to make one."
                : "Call check_task with a task_id for fresh status, or extend_video on a succeeded one to continue it.")
                + (more ? $" Older tasks exist: call list_tasks with offset {offset + limit} (and the same status) for the next page." : string.Empty),
        });
    }
}
