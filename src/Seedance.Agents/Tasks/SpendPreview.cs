namespace Seedance.Agents.Tasks;

/// <summary>What a dry run says of the spend rules, for one clip or a whole film: made once by <see cref="GenerationStarter.PreviewSpendAsync"/>.</summary>
/// <param name="SpentToday">Today's spend so far, in USD.</param>
/// <param name="DailyBudget">The daily budget, when one is set.</param>
/// <param name="WouldAskFirst">Whether a real call would ask the user to confirm the price first.</param>
/// <param name="WouldBeRefused">Why a real call would be refused (over the budget), or null.</param>
/// <param name="NextStep">What to do next: start it for real, or what the refusal says.</param>
internal sealed record SpendPreview(decimal SpentToday, decimal? DailyBudget, bool WouldAskFirst, string? WouldBeRefused, string NextStep);
