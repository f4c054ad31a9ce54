using System.ComponentModel;
namespace Seedance.Agents.Results;

/// <summary>Recent tasks from the journal, newest first.</summary>
public sealed record TaskListReport
{
    /// <summary>The tasks.</summary>
    [Description("The tasks, newest first.")]
    public required IReadOnlyList<TaskReport> Tasks { get; init; }

    /// <summary>How many tasks are listed.</summary>
    [Description("How many tasks are listed.")]
    public int Count => Tasks.Count;

    /// <summary>Recent long videos with their shots, newest first.</summary>
    [Description("Recent long videos (generate_long_video) with their shots, newest first.")]
    public IReadOnlyList<SequenceReport>? Sequences { get; init; }

    /// <summary>Whether older tasks exist past this page.</summary>
    [Description("True when older tasks exist past this page: call list_tasks again with offset = next_offset.")]
    public bool HasMore { get; init; }

    /// <summary>The offset of the next page, when there is one.</summary>
    [Description("The offset that lists the next (older) page; absent on the last page.")]
    public int? NextOffset { get; init; }

    /// <summary>Where the journal lives.</summary>
    [Description("Where the journal lives.")]
    public string? JournalPath { get; init; }

    /// <summary>What the model should do next.</summary>
    [Description("What to do next.")]
    public required string NextStep { get; init; }
}
