using Microsoft.Extensions.AI;
using Seedance.Agents.Spending;

namespace Seedance.Agents.Tools;

/// <summary>
/// A paid tool inside an <see cref="ApprovalRequiredAIFunction"/>: the host (Microsoft Agent Framework and other M.E.AI
/// hosts) runs it only after the user approved the call, so that approval is its price confirmation. It passes an approver
/// that answers yes, unless the host put its own approver into the call's context.
/// </summary>
internal sealed class HostApprovedFunction(AIFunction inner) : DelegatingAIFunction(inner)
{
    /// <inheritdoc />
    protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        arguments.Context ??= new Dictionary<object, object?>();
        arguments.Context.TryAdd(typeof(IPaidCallApprover), AlreadyApproved.Instance);
        return base.InvokeCoreAsync(arguments, cancellationToken);
    }

    private sealed class AlreadyApproved : IPaidCallApprover
    {
        public static readonly AlreadyApproved Instance = new();

        public ValueTask<PaidCallDecision> ApproveAsync(PaidCallQuote quote, CancellationToken cancellationToken) => ValueTask.FromResult(PaidCallDecision.Approved);
    }
}
