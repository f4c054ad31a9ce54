namespace Seedance.Client.Balance;

/// <summary>The account's balance in USD.</summary>
/// <param name="Remaining">What is left to spend.</param>
/// <param name="Used">What was spent, when given.</param>
/// <param name="UnlimitedQuota">True when the account has no limit.</param>
public sealed record AccountBalance(decimal Remaining, decimal? Used, bool UnlimitedQuota);
