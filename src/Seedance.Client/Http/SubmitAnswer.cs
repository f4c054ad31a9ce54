namespace Seedance.Client.Http;

/// <summary>What a submit came to: the task id, whether the provider replayed an earlier answer, and how many sends it took.</summary>
internal sealed record SubmitAnswer(string TaskId, bool Replayed, int Attempts);
