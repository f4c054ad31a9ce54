namespace Seedance.Agents.Results;

/// <summary>Why a tool call did not do what was asked, in terms a model can correct from.</summary>
public sealed record ToolError
{
    /// <summary>One sentence on what went wrong.</summary>
    public required string Error { get; init; }

    /// <summary>Every broken rule, each with the parameter, the value given and what is allowed.</summary>
    public IReadOnlyList<ViolationReport>? Violations { get; init; }

    /// <summary>A short machine-readable kind, such as <c>invalid_arguments</c> or <c>payment_required</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Whether anything was sent to the provider (and so may have cost money).</summary>
    public bool Charged { get; init; }

    /// <summary>What the model should do next.</summary>
    public required string NextStep { get; init; }
}
