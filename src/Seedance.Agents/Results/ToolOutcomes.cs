using Seedance.Agents.Serialization;

namespace Seedance.Agents.Results;

/// <summary>Wraps each kind of result into the <see cref="ToolOutcome"/> every host receives: structured JSON and its text.</summary>
public static class ToolOutcomes
{
    /// <summary>A task report.</summary>
    public static ToolOutcome Success(TaskReport report) =>
        new(false, AgentsJson.ToElement(report, AgentsJsonContext.Default.TaskReport), ReportText.Describe(report));

    /// <summary>A task list.</summary>
    public static ToolOutcome Success(TaskListReport list) =>
        new(false, AgentsJson.ToElement(list, AgentsJsonContext.Default.TaskListReport), ReportText.Describe(list));

    /// <summary>A dry run: what would be sent, and its price.</summary>
    public static ToolOutcome Success(DryRunReport report) =>
        new(false, AgentsJson.ToElement(report, AgentsJsonContext.Default.DryRunReport), ReportText.Describe(report));

    /// <summary>The balance and today's spend.</summary>
    public static ToolOutcome Success(BalanceReport report) =>
        new(false, AgentsJson.ToElement(report, AgentsJsonContext.Default.BalanceReport), ReportText.Describe(report));

    /// <summary>A long video: its shots, progress and film.</summary>
    public static ToolOutcome Success(SequenceReport report) =>
        new(false, AgentsJson.ToElement(report, AgentsJsonContext.Default.SequenceReport), ReportText.Describe(report));

    /// <summary>A long video's dry run: every shot priced.</summary>
    public static ToolOutcome Success(SequencePreview preview) =>
        new(false, AgentsJson.ToElement(preview, AgentsJsonContext.Default.SequencePreview), ReportText.Describe(preview));

    /// <summary>The models, their limits and prices.</summary>
    public static ToolOutcome Success(ModelListReport report) =>
        new(false, AgentsJson.ToElement(report, AgentsJsonContext.Default.ModelListReport), ModelListText.Describe(report));

    /// <summary>A failed call: the structured error and its text.</summary>
    public static ToolOutcome Failure(ToolError error) =>
        new(true, AgentsJson.ToElement(error, AgentsJsonContext.Default.ToolError), ReportText.Describe(error));
}
