namespace Seedance.Agents.Results;

/// <summary>Recent tasks from the journal, newest first.</summary>
public sealed record TaskListReport
{
    /// <summary>The tasks.</summary>
    public required IReadOnlyList<TaskReport> Tasks { get; init; }

    /// <summary>How many tasks are listed.</summary>
    public int Count => Tasks.Count;

    /// <summary>Where the journal lives.</summary>
    public string? JournalPath { get; init; }

    /// <summary>What the model should do next.</summary>
    public required string NextStep { get; init; }
}
