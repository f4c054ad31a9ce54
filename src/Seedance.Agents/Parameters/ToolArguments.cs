using Seedance.Client.Validation;

namespace Seedance.Agents.Parameters;

/// <summary>
/// A tool call's arguments as read by its <see cref="ParameterTable"/>: typed values, and every problem found. A value is
/// asked for by its row, so a tool names no argument by string and restates no default: a row left out gives the row's default.
/// </summary>
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

    /// <summary>The text given for <paramref name="row"/>, or its default (null when it has none).</summary>
    public string? Text(ToolParameter row) => _values.TryGetValue(row.Name, out var value) ? (string)value : row.Default as string;

    /// <summary>The whole number given for <paramref name="row"/> (its range already checked), or its default (0 when it has none).</summary>
    public int Number(ToolParameter row) =>
        checked((int)(_values.TryGetValue(row.Name, out var value) ? (long)value : row.Default switch { long n => n, int n => n, _ => 0 }));

    /// <summary>The flag given for <paramref name="row"/>, or its default (false when it has none).</summary>
    public bool Flag(ToolParameter row) => _values.TryGetValue(row.Name, out var value) ? (bool)value : row.Default is true;

    /// <summary>The list given for <paramref name="row"/>, or an empty one.</summary>
    public IReadOnlyList<T> List<T>(ToolParameter row) => _values.TryGetValue(row.Name, out var value) ? (IReadOnlyList<T>)value : [];
}
