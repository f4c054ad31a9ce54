using System.ComponentModel;
namespace Seedance.Agents.Results;

/// <summary>The provider's reason for a failed task.</summary>
/// <param name="Code">The provider's code, as text.</param>
/// <param name="Message">The provider's message.</param>
public sealed record ReportedError(
    [property: Description("The provider's code.")] string? Code,
    [property: Description("The provider's reason.")] string? Message);
