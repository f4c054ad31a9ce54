using System.ComponentModel;
namespace Seedance.Agents.Results;

/// <summary>Why a tool call did not do what was asked, in terms a model can correct from.</summary>
public sealed record ToolError
{
    /// <summary>One sentence on what went wrong.</summary>
    [Description("What went wrong.")]
    public required string Error { get; init; }

    /// <summary>Every broken rule, each with the parameter, the value given and what is allowed.</summary>
    [Description("Every broken rule, with the parameter, the value given and what is allowed.")]
    public IReadOnlyList<ViolationReport>? Violations { get; init; }

    /// <summary>A short machine-readable kind, such as <c>invalid_arguments</c> or <c>payment_required</c>.</summary>
    [Description("A short machine-readable kind, such as invalid_arguments or payment_required.")]
    public required string Kind { get; init; }

    /// <summary>Whether anything was sent to the provider (and so may have cost money).</summary>
    [Description("Whether anything was sent to the provider (and so may have cost money).")]
    public bool Charged { get; init; }

    /// <summary>The price the user must confirm, when the call needs a confirmation the host could not ask for (kind confirmation_required).</summary>
    [Description("The price to show the user before repeating the call with confirm_quote set to quote_id (kind confirmation_required).")]
    public QuoteReport? Quote { get; init; }

    /// <summary>What the model should do next.</summary>
    [Description("What to do next.")]
    public required string NextStep { get; init; }
}
