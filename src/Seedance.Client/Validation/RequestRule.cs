namespace Seedance.Client.Validation;

/// <summary>One rule of the request catalogue: its id (R1–R16) and the rule as the design states it.</summary>
/// <param name="Id">The rule id, one of the <see cref="RequestRules"/> constants.</param>
/// <param name="Summary">The rule in one sentence.</param>
public sealed record RequestRule(string Id, string Summary);
