namespace Seedance.Agents.Tasks;

/// <summary>A submit the provider accepted.</summary>
/// <param name="TaskId">The provider's task id.</param>
/// <param name="Replayed">True when the provider answered a repeated request with the task it had already created.</param>
/// <param name="JournalProblem">Why the journal could not record the task, when it could not (the task exists all the same).</param>
internal sealed record SubmitOutcome(string TaskId, bool Replayed, string? JournalProblem);
