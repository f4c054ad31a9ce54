using Seedance.Agents.Results;
using Seedance.Agents.Spending;
using Seedance.Client.Validation;

namespace Seedance.Agents.Tools;

/// <summary>Ends a tool call with a <see cref="ToolError"/> the model can act on; the toolset turns it into an error outcome.</summary>
internal sealed class ToolErrorException(ToolError error) : Exception(error.Error)
{
    public ToolError Error { get; } = error;

    /// <summary>The call's arguments broke these rules; nothing was sent.</summary>
    public static ToolErrorException InvalidArguments(string tool, IReadOnlyList<Violation> violations) => new(new ToolError
    {
        Kind = "invalid_arguments",
        Error = $"{tool} was not run: {violations.Count} argument problem{(violations.Count == 1 ? string.Empty : "s")}. Nothing was sent or charged.",
        Violations = violations.Select(v => new ViolationReport(v.Parameter, v.Value, v.Allowed, v.Message)).ToArray(),
        NextStep = $"Fix the listed arguments and call {tool} again.",
    });

    /// <summary>Neither the journal nor the provider knows the task.</summary>
    public static ToolErrorException UnknownTask(string taskId) => new(new ToolError
    {
        Kind = "unknown_task",
        Error = $"No task '{taskId}' is known here or at the provider.",
        NextStep = "Call list_tasks to find the task_id of the video (it starts with task_).",
    });

    /// <summary>The task cannot be continued by extend_video; nothing was sent.</summary>
    public static ToolErrorException CannotExtend(string error, string next) => new(new ToolError
    {
        Kind = "cannot_extend",
        Error = error + " Nothing was sent or charged.",
        NextStep = next,
    });

    /// <summary>The estimate would take today's spend over the daily budget; nothing was sent.</summary>
    public static ToolErrorException OverBudget(string tool, decimal budget, decimal spent, decimal estimate, bool ceiling = false) => new(new ToolError
    {
        Kind = "over_budget",
        Error = $"{tool} was not run: its {(ceiling ? "price is not known, so it counts at the highest known price" : "estimate")} of "
            + $"{CostEstimate.Money(estimate)}, which would take today's spend from {CostEstimate.Money(spent)} to "
            + $"{CostEstimate.Money(spent + estimate)}, over the daily budget of {CostEstimate.Money(budget)} ({SeedanceAgentEnvironment.DailyBudgetVariable}). "
            + "Nothing was sent or charged.",
        NextStep = "Tell the user the budget is reached. A shorter clip, a lower resolution or the -fast model costs less; otherwise it can wait "
            + "until tomorrow, or the user can raise the budget. Do not retry the same request today.",
    });

    /// <summary>The user said no (or dismissed the question) when asked to confirm; nothing was sent.</summary>
    public static ToolErrorException Declined(string tool, PaidCallQuote quote, PaidCallDecision decision) => new(new ToolError
    {
        Kind = "declined",
        Error = $"The user declined {tool} ({quote.Model}, {quote.DurationSeconds} s at {quote.Resolution}, {quote.Estimate.Display})"
            + (decision == PaidCallDecision.Cancelled ? " by dismissing the confirmation" : string.Empty) + ". Nothing was sent or charged.",
        NextStep = "Do not call it again unchanged. Ask the user what to change (a shorter clip, a lower resolution, the -fast model) or whether to stop.",
    });

    /// <summary>The host declared it can ask the user, but asking failed; nothing was sent.</summary>
    public static ToolErrorException ConfirmationFailed(string tool, string reason) => new(new ToolError
    {
        Kind = "confirmation_failed",
        Error = $"{tool} was not run: the user could not be asked to confirm the price ({reason}). Nothing was sent or charged.",
        NextStep = "Tell the user; they can try again, or pass dry_run true to see the price first.",
    });

    /// <summary>
    /// The price calls for the user's yes and this client cannot be asked (no approver, or its transport cannot carry the
    /// question): nothing was sent, and the quote says what to show the user and how to go on.
    /// </summary>
    public static ToolErrorException ConfirmationRequired(string tool, PaidCallQuote quote, string quoteId, DateTimeOffset expires) => new(new ToolError
    {
        Kind = "confirmation_required",
        Error = $"{tool} was not run: its price needs the user's confirmation and this client cannot be asked from here. {quote.Message} "
            + "Nothing was sent or charged.",
        Quote = new QuoteReport
        {
            QuoteId = quoteId,
            Model = quote.Model,
            DurationSeconds = quote.DurationSeconds,
            Resolution = quote.Resolution,
            Shots = quote.Shots,
            EstimatedCostUsd = quote.Estimate.Usd,
            EstimateBasis = quote.Estimate.Basis,
            ExpiresAt = expires,
            Message = quote.Message,
        },
        NextStep = $"Show the user this price and ask whether to go ahead. Only if they say yes, call {tool} again with exactly the same "
            + $"arguments plus confirm_quote \"{quoteId}\" (valid {PaidQuoteStore.Lifetime.TotalMinutes:0} minutes, once). If they say no, do not call it again.",
    });

    /// <summary>The user did not answer the price question in time: nothing was sent, and the question may still be open on their side.</summary>
    public static ToolErrorException ConfirmationStillOpen(string tool, PaidCallQuote quote) => new(new ToolError
    {
        Kind = "confirmation_open",
        Error = $"{tool} was not run: the user had not answered the price question ({quote.Estimate.Display}) when this call had to end. "
            + "The confirmation is still open, nothing was sent or charged, and an answer given now sends nothing.",
        NextStep = $"Ask the user whether to start it; if they say yes, call {tool} again with the same arguments (they are asked once more).",
    });

    /// <summary>The confirm_quote given cannot be used; nothing was sent.</summary>
    public static ToolErrorException QuoteNotAccepted(string tool, string quoteId, string reason) => new(new ToolError
    {
        Kind = "quote_not_accepted",
        Error = $"{tool} was not run: confirm_quote \"{quoteId}\" cannot be used ({reason}). Nothing was sent or charged.",
        NextStep = $"Call {tool} again without confirm_quote to get a new quote for these exact arguments, show its price to the user, "
            + "and repeat the call with the new quote only if they agree.",
    });
}
