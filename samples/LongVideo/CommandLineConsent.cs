using Seedance.Agents.Spending;

/// <summary>
/// This run's answer to the price question: the person who started it said yes on the command line (--paid for real
/// clips; the sandbox costs nothing). Without an approver a priced call would stop with confirmation_required.
/// </summary>
internal sealed class CommandLineConsent : IPaidCallApprover
{
    public ValueTask<PaidCallDecision> ApproveAsync(PaidCallQuote quote, CancellationToken cancellationToken)
    {
        Console.WriteLine($"Confirmed on the command line: {quote.Message}");
        return ValueTask.FromResult(PaidCallDecision.Approved);
    }
}
