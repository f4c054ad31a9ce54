namespace Seedance.Client.Validation;

/// <summary>One broken request rule: which parameter, what was given, what is allowed.</summary>
/// <param name="Rule">The rule id from the catalogue (R1–R16).</param>
/// <param name="Parameter">The parameter path, for example <c>image_with_roles[1].role</c>.</param>
/// <param name="Value">The value given, as text (null when the parameter was missing).</param>
/// <param name="Allowed">What would be accepted.</param>
/// <param name="Message">One sentence on what is wrong.</param>
public sealed record Violation(string Rule, string Parameter, string? Value, string Allowed, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Parameter}: {Message} (given: {Value ?? "nothing"}; allowed: {Allowed}) [{Rule}]";
}
