using Seedance.Agents.Results;
using Seedance.Client.Validation;

namespace Seedance.Agents.Tools;

/// <summary>Ends a tool call with a <see cref="ToolError"/> the model can act on; the toolset turns it into an error outcome.</summary>
internal sealed class ToolFailure(ToolError error) : Exception(error.Error)
{
    public ToolError Error { get; } = error;

    /// <summary>The call's arguments broke these rules; nothing was sent.</summary>
    public static ToolFailure InvalidArguments(string tool, IReadOnlyList<Violation> violations) => new(new ToolError
    {
        Kind = "invalid_arguments",
        Error = $"{tool} was not run: {violations.Count} argument problem{(violations.Count == 1 ? string.Empty : "s")}. Nothing was sent or charged.",
        Violations = violations.Select(v => new ViolationReport(v.Parameter, v.Value, v.Allowed, v.Message)).ToArray(),
        NextStep = $"Fix the listed arguments and call {tool} again.",
    });

    /// <summary>Neither the journal nor the provider knows the task.</summary>
    public static ToolFailure UnknownTask(string taskId) => new(new ToolError
    {
        Kind = "unknown_task",
        Error = $"No task '{taskId}' is known here or at the provider.",
        NextStep = "Call list_tasks to find the task_id of the video (it starts with task_).",
    });

    /// <summary>The task cannot be continued by extend_video; nothing was sent.</summary>
    public static ToolFailure CannotExtend(string error, string next) => new(new ToolError
    {
        Kind = "cannot_extend",
        Error = error + " Nothing was sent or charged.",
        NextStep = next,
    });
}
