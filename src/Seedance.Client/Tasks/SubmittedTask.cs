using Seedance.Client.Validation;

namespace Seedance.Client.Tasks;

/// <summary>A task the provider accepted.</summary>
/// <param name="TaskId">The id to ask for its status.</param>
/// <param name="SubmittedAt">When the provider accepted it.</param>
/// <param name="Warnings">Advice about the request that did not block it.</param>
public sealed record SubmittedTask(string TaskId, DateTimeOffset SubmittedAt, IReadOnlyList<Violation> Warnings)
{
    /// <summary>
    /// True when the provider answered <c>Idempotency-Replayed: true</c>: the task was created by an earlier send of the
    /// same submission (same body and key), and this answer only names it again. Nothing was charged twice.
    /// </summary>
    public bool Replayed { get; init; }

    /// <summary>How many times the submission was sent in this call (1 unless an unsure outcome or a 429 made the client send it again).</summary>
    public int Attempts { get; init; } = 1;
}
