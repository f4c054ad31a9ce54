namespace Seedance.Agents.Journal;

/// <summary>
/// A check the journal runs on the rows created since <see cref="Since"/>, inside the transaction that writes a paid call's
/// row: <see cref="Check"/> throws to refuse, and then nothing is written (and nothing is sent).
/// </summary>
/// <param name="Since">The start of the period the check looks at (today).</param>
/// <param name="Check">Throws when the call must not go ahead, given today's tasks and films.</param>
internal sealed record SpendAdmission(DateTimeOffset Since, Action<IReadOnlyList<JournalEntry>, IReadOnlyList<SequenceEntry>> Check);
