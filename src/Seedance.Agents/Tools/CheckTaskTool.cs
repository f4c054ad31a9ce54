using System.Text.Json;
using Seedance.Agents.Parameters;
using Seedance.Agents.Results;
using Seedance.Agents.Tasks;
using Seedance.Client.Models;

namespace Seedance.Agents.Tools;

/// <summary>check_task: reads (or waits on) a task, journals what it saw, saves a finished video.</summary>
internal sealed class CheckTaskTool : ISeedanceTool
{
    private readonly TaskWaiter _waiter;
    private readonly TaskReporter _reporter;

    public CheckTaskTool(TaskWaiter waiter, TaskReporter reporter)
    {
        _waiter = waiter;
        _reporter = reporter;
    }

    public string Name => ToolNames.CheckTask;

    public static SeedanceToolDefinition Define(ModelCatalog catalog) => new()
    {
        Name = ToolNames.CheckTask,
        Title = "Check a video task",
        Description =
            "Get the state of a video task made by generate_video or extend_video: progress, and once finished the video "
            + "link (it expires at video_expires_at), the path of the downloaded file, the last-frame link, the cost, "
            + "or the provider's reason for a failure. Checking is free. Pass wait (0 to 50 seconds) to block until the task "
            + "ends or the time is up; progress is reported while waiting. Call it again with the same task_id until done is true.",
        InputSchema = ParameterSchema.Write(ToolParameters.Check, catalog),
        OutputSchema = OutputSchemas.TaskReport,
        ReadOnly = true,
        Idempotent = true,
        OpenWorld = true,
    };

    public async Task<ToolOutcome> InvokeAsync(JsonElement arguments, ToolCallContext context, CancellationToken cancellationToken)
    {
        var read = ToolParameters.Check.Read(Name, arguments);
        if (read.Violations.Count > 0)
        {
            throw ToolFailure.InvalidArguments(Name, read.Violations);
        }

        var taskId = read.String("task_id")!.Trim();
        var wait = (int)(read.Integer(ToolParameters.Wait.Name) ?? 0);
        if (JournaledSubmitter.IsPlaceholder(taskId))
        {
            return ToolOutcomes.Success(await _reporter.ReportAsync(taskId, warnings: null, cancellationToken));
        }

        var task = await _waiter.ReadOrWaitAsync(taskId, wait, context.Progress, cancellationToken);
        return ToolOutcomes.Success(await _reporter.ReportAsync(task, warnings: null, cancellationToken));
    }
}
