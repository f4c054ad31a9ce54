namespace Seedance.Client.Validation;

/// <summary>Every violation and warning found in one request.</summary>
public sealed record ValidationResult(IReadOnlyList<Violation> Violations, IReadOnlyList<Violation> Warnings)
{
    /// <summary>True when nothing blocks the request (warnings may remain).</summary>
    public bool IsValid => Violations.Count == 0;

    /// <summary>Throws <see cref="SeedanceValidationException"/> when the request is not valid.</summary>
    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new SeedanceValidationException(Violations, Warnings);
        }
    }
}
