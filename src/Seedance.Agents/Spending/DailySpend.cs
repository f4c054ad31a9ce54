namespace Seedance.Agents.Spending;

/// <summary>What today's tasks cost so far, from the journal: real charges, plus the estimates of tasks not charged yet.</summary>
/// <param name="Since">The start of today (local midnight).</param>
/// <param name="Charged">The USD charged for tasks created today.</param>
/// <param name="Pending">The estimates of today's tasks that have no charge yet and may still cost (unfinished, unconfirmed, or finished without a reported cost).</param>
/// <param name="Tasks">How many tasks were created today.</param>
internal readonly record struct DailySpend(DateTimeOffset Since, decimal Charged, decimal Pending, int Tasks)
{
    public decimal Total => Charged + Pending;
}
