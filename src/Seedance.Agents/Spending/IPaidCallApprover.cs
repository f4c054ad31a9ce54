namespace Seedance.Agents.Spending;

/// <summary>
/// A host's way to ask the user before a paid call, passed with the call (as progress is). The tools decide when to ask
/// (the estimate is at least <see cref="SeedanceAgentOptions.ConfirmAboveUsd"/>, or unknown) and what a refusal means
/// (nothing is sent or journaled, and the answer says the user declined); the host only asks. The MCP server implements
/// it with elicitation; a .NET host can put one into <c>AIFunctionArguments.Context</c>.
/// </summary>
public interface IPaidCallApprover
{
    /// <summary>Shows <paramref name="quote"/> to the user and returns their answer.</summary>
    ValueTask<PaidCallDecision> ApproveAsync(PaidCallQuote quote, CancellationToken cancellationToken);
}
