using Seedance.Client.Validation;

namespace Seedance.Agents.Parameters;

/// <summary>A tool call's arguments as read by its <see cref="ParameterTable"/>: typed values, and every problem found.</summary>
internal sealed class ToolArguments
{
    private readonly Dictionary<string, object> _values;
    private readonly List<Violation> _violations;

    public ToolArguments(Dictionary<string, object> values, List<Violation> violations)
    {
        _values = values;
        _violations = violations;
    }

    /// <summary>Every problem found so far; the call is refused when there is any.</summary>
    public IReadOnlyList<Violation> Violations => _violations;

    /// <summary>The values that were given and read, by argument name.</summary>
    public IReadOnlyDictionary<string, object> Values => _values;

    /// <summary>Records a problem found after reading (a local file that cannot be used, an unknown filter).</summary>
    public void Add(Violation violation) => _violations.Add(violation);

    public string? String(string name) => _values.TryGetValue(name, out var value) ? (string)value : null;

    public long? Integer(string name) => _values.TryGetValue(name, out var value) ? (long)value : null;

    public bool? Boolean(string name) => _values.TryGetValue(name, out var value) ? (bool)value : null;
}
