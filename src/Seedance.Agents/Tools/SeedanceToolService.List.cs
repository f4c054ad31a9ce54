using System.Text.Json;
using Seedance.Agents.Arguments;
using Seedance.Agents.Journal;
using Seedance.Agents.Results;
using Seedance.Client.Validation;

namespace Seedance.Agents.Tools;

public sealed partial class SeedanceToolService
{
    private static readonly string[] ListArguments = ["limit", "status"];

    private static readonly Dictionary<string, JournalState[]> StatusFilters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["all"] = [],
        ["active"] = [JournalState.Submitting, JournalState.Queued, JournalState.Running],
        ["succeeded"] = [JournalState.Succeeded],
        ["failed"] = [JournalState.Failed, JournalState.Cancelled],
        ["unconfirmed"] = [JournalState.Unconfirmed],
    };

    /// <summary>list_tasks: recent journal entries, newest first, without any network call.</summary>
    public async Task<TaskListReport> ListTasksAsync(JsonElement arguments, CancellationToken cancellationToken)
    {
        var reader = new ArgumentReader(arguments, ListArguments);
        var limit = (int)(reader.Integer("limit", "args", 1, 50) ?? 10);
        var status = reader.String("status", "args") ?? "all";
        if (!StatusFilters.TryGetValue(status, out var states))
        {
            reader.Add(new Violation("args", "status", status, string.Join(", ", StatusFilters.Keys), "unknown status filter"));
        }

        if (reader.Violations.Count > 0)
        {
            throw InvalidArguments(ToolNames.ListTasks, reader.Violations);
        }

        var entries = await _journal.ListAsync(limit, states, cancellationToken);
        var tasks = entries.Select(e => BuildReport(e, task: null, download: default, warnings: null)).ToArray();
        return new TaskListReport
        {
            Tasks = tasks,
            JournalPath = _journal.Path,
            NextStep = tasks.Length == 0
                ? "No tasks recorded yet. Call generate_video to make one."
                : "Call check_task with a task_id for fresh status, or extend_video on a succeeded one to continue it.",
        };
    }
}
