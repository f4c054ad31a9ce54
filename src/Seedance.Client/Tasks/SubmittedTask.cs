using Seedance.Client.Validation;

namespace Seedance.Client.Tasks;

/// <summary>A task the provider accepted.</summary>
/// <param name="TaskId">The id to ask for its status.</param>
/// <param name="SubmittedAt">When the provider accepted it.</param>
/// <param name="Warnings">Advice about the request that did not block it.</param>
public sealed record SubmittedTask(string TaskId, DateTimeOffset SubmittedAt, IReadOnlyList<Violation> Warnings);
