namespace Seedance.Agents.Tasks;

/// <summary>Which shot of which long video a submit is, so the journal holds one row per shot.</summary>
/// <param name="SequenceId">The sequence (<c>seq_…</c>).</param>
/// <param name="Shot">The shot, from 1.</param>
internal readonly record struct SequenceShot(string SequenceId, int Shot);
