using System.Text;

namespace Seedance.Client.Validation;

/// <summary>A request broke one or more rules; nothing was sent and nothing was paid.</summary>
public sealed class SeedanceValidationException : Exception
{
    /// <summary>Creates the exception from every violation found.</summary>
    public SeedanceValidationException(IReadOnlyList<Violation> violations, IReadOnlyList<Violation>? warnings = null)
        : base(Describe(violations))
    {
        Violations = violations;
        Warnings = warnings ?? [];
    }

    /// <summary>Every rule the request broke.</summary>
    public IReadOnlyList<Violation> Violations { get; }

    /// <summary>Advice that did not block the request.</summary>
    public IReadOnlyList<Violation> Warnings { get; }

    private static string Describe(IReadOnlyList<Violation> violations)
    {
        var text = new StringBuilder();
        text.Append("The video request is invalid (nothing was sent): ");
        text.Append(violations.Count).Append(violations.Count == 1 ? " problem." : " problems.");
        foreach (var violation in violations)
        {
            text.AppendLine().Append("- ").Append(violation);
        }

        return text.ToString();
    }
}
