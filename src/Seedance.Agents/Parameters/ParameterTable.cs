using System.Globalization;
using System.Text.Json;
using Seedance.Client.Requests;
using Seedance.Client.Validation;

namespace Seedance.Agents.Parameters;

/// <summary>
/// A tool's parameters, in the order the schema shows them. The one table gives the input schema
/// (<see cref="ParameterSchema"/>), the set of known arguments, the lenient reader (types only, every problem at once)
/// and the mapping of the read values onto a <see cref="VideoGenerationRequest"/>.
/// </summary>
internal sealed class ParameterTable
{
    private readonly Dictionary<string, ToolParameter> _byName;

    public ParameterTable(IReadOnlyList<ToolParameter> parameters)
    {
        Parameters = parameters;
        _byName = parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        Names = parameters.Select(p => p.Name).ToArray();
    }

    public IReadOnlyList<ToolParameter> Parameters { get; }

    /// <summary>The argument names a call may use.</summary>
    public IReadOnlyList<string> Names { get; }

    public ToolParameter this[string name] => _byName[name];

    /// <summary>The named rows of this table, each passed through <paramref name="change"/>: how one tool's table is projected from another's.</summary>
    public IEnumerable<ToolParameter> Pick(IEnumerable<string> names, Func<ToolParameter, ToolParameter> change) =>
        names.Select(n => change(_byName[n]));

    /// <summary>Reads <paramref name="arguments"/> for tool <paramref name="tool"/>: types, unknown names and missing required arguments.</summary>
    public ToolArguments Read(string tool, JsonElement arguments)
    {
        var reader = new ArgumentReader(arguments, Names);
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var parameter in Parameters)
        {
            var value = ReadOne(reader, parameter);
            if (value is not null)
            {
                values[parameter.Name] = value;
            }

            if (parameter.Required && (value is null || value is string text && string.IsNullOrWhiteSpace(text))
                && !reader.Violations.Any(v => v.Parameter == parameter.Name))
            {
                values.Remove(parameter.Name);
                reader.Add(new Violation(parameter.Rule, parameter.Name, value as string, parameter.RequiredHint ?? "a value",
                    $"{tool} needs a {parameter.Name}"));
            }
        }

        return new ToolArguments(values, [.. reader.Violations]);
    }

    /// <summary>
    /// <paramref name="start"/> with every given request argument applied, and the table's default for each one left out
    /// (so what the schema says is the default is what is sent).
    /// </summary>
    public VideoGenerationRequest ToRequest(ToolArguments arguments, VideoGenerationRequest start)
    {
        var request = start;
        foreach (var parameter in Parameters)
        {
            if (parameter.Apply is null)
            {
                continue;
            }

            if (arguments.Values.TryGetValue(parameter.Name, out var value))
            {
                request = parameter.Apply(request, value);
            }
            else if (parameter.Default is { } fallback)
            {
                request = parameter.Apply(request, fallback);
            }
        }

        return request;
    }

    /// <summary><paramref name="request"/> with the value of every inherited row taken from <paramref name="earlier"/>.</summary>
    public VideoGenerationRequest Inherit(VideoGenerationRequest earlier, VideoGenerationRequest request)
    {
        foreach (var parameter in Parameters.Where(p => p.IsInherited && p.Apply is not null && p.Get is not null))
        {
            if (parameter.Get!(earlier) is { } value)
            {
                request = parameter.Apply!(request, value);
            }
        }

        return request;
    }

    private static bool Fits(ToolParameter parameter, string text) =>
        (parameter.MaxLength is not { } max || text.Length <= max)
        && (parameter.Pattern is not { } pattern || System.Text.RegularExpressions.Regex.IsMatch(text, pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(100)));

    private static object? ReadOne(ArgumentReader reader, ToolParameter parameter)
    {
        switch (parameter.Kind)
        {
            case ParameterKind.String:
                var text = reader.String(parameter.Name, parameter.Rule);
                if (text is not null && parameter.EnforceRange && !Fits(parameter, text.Trim()))
                {
                    reader.Add(new Violation(parameter.Rule, parameter.Name, text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 120), "…"),
                        parameter.PatternText ?? $"at most {parameter.MaxLength} characters", $"{parameter.Name} is not of the expected form"));
                    return null;
                }

                return text;
            case ParameterKind.Boolean:
                return reader.Boolean(parameter.Name, parameter.Rule);
            case ParameterKind.UrlList:
                return reader.Strings(parameter.Name, parameter.Rule);
            case ParameterKind.ImageRoles:
                return reader.Roles(parameter.Name);
            case ParameterKind.Tools:
                return reader.Tools(parameter.Name);
            case ParameterKind.Shots:
                // The widest range here; each shot is then held to its model's own range by the validator.
                return reader.Shots(parameter.Name, parameter.Rule, parameter.MinItems ?? 1, parameter.MaxItems ?? int.MaxValue,
                    ModelLimits.Shipped.Models.Min(m => m.MinDuration), ModelLimits.MaxDuration(ModelLimits.Shipped));
            default:
                var number = parameter.EnforceRange
                    ? reader.Integer(parameter.Name, parameter.Rule, parameter.Minimum, parameter.Maximum)
                    : reader.Integer(parameter.Name, parameter.Rule);
                if (parameter.Int32 && number is < int.MinValue or > int.MaxValue)
                {
                    reader.Add(new Violation(parameter.Rule, parameter.Name, number.Value.ToString(CultureInfo.InvariantCulture), parameter.RangeText,
                        $"{parameter.Name} is out of range"));
                    return null;
                }

                return number;
        }
    }
}
