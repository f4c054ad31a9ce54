using System.Text.Json;

namespace Seedance.Agents.Tools;

/// <summary>One tool as every host shows it: name, title, description, input and output schemas, behaviour hints.</summary>
public sealed record SeedanceToolDefinition
{
    /// <summary>The tool name, e.g. <c>generate_video</c>.</summary>
    public required string Name { get; init; }

    /// <summary>A short human title.</summary>
    public required string Title { get; init; }

    /// <summary>What the tool does, written for a model.</summary>
    public required string Description { get; init; }

    /// <summary>The JSON schema of the arguments.</summary>
    public required JsonElement InputSchema { get; init; }

    /// <summary>The JSON schema of the structured result.</summary>
    public required JsonElement OutputSchema { get; init; }

    /// <summary>True when the tool changes nothing.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>True when the tool may destroy something.</summary>
    public bool Destructive { get; init; }

    /// <summary>True when calling twice has the same effect as once.</summary>
    public bool Idempotent { get; init; }

    /// <summary>True when the tool reaches beyond this machine.</summary>
    public bool OpenWorld { get; init; }

    /// <summary>True when a call can start a paid generation (hosts may ask the user before running it).</summary>
    public bool Paid { get; init; }
}
