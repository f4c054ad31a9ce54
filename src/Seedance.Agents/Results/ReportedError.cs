namespace Seedance.Agents.Results;

/// <summary>The provider's reason for a failed task.</summary>
/// <param name="Code">The provider's code, as text.</param>
/// <param name="Message">The provider's message.</param>
public sealed record ReportedError(string? Code, string? Message);
