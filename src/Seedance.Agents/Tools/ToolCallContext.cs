using Seedance.Agents.Results;
using Seedance.Agents.Spending;

namespace Seedance.Agents.Tools;

/// <summary>What a host passes with one tool call besides its arguments: where progress goes, and who can be asked to confirm a price.</summary>
/// <param name="Progress">Receives progress while a call waits; null when the host shows none.</param>
/// <param name="Approver">Asks the user before a paid call; null when the host cannot ask (a call whose price needs a yes then answers confirmation_required with a quote, and sends nothing).</param>
public sealed record ToolCallContext(IProgress<ToolProgress>? Progress = null, IPaidCallApprover? Approver = null)
{
    /// <summary>No progress, no one to ask.</summary>
    public static ToolCallContext None { get; } = new();
}
