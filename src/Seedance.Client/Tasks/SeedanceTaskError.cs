namespace Seedance.Client.Tasks;

/// <summary>Why a task failed, as far as the provider said; any field may be missing.</summary>
/// <param name="Code">The provider's code, as text (it may be a number or a string).</param>
/// <param name="Message">The provider's message.</param>
/// <param name="Type">The provider's error type.</param>
public sealed record SeedanceTaskError(string? Code, string? Message, string? Type);
