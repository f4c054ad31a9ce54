using System.Globalization;
using System.Text.Json;
using Seedance.Client.Models;
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
    public IEnumerable<ToolParameter> Pick(IEnumerable<RequestField> fields, Func<ToolParameter, ToolParameter> change) =>
        fields.Select(f => change(this[f]));

    /// <summary>The row of request field <paramref name="field"/>.</summary>
    public ToolParameter this[RequestField field] => _byName[field.Name];

    /// <summary>Reads <paramref name="arguments"/> for tool <paramref name="tool"/>: types, unknown names and missing required arguments.</summary>
    public ToolArguments Read(string tool, JsonElement arguments)
    {
        var members = ArgumentReader.Members(arguments, out var problem);
        var read = Read(tool, members);
        return problem is null ? read : new ToolArguments(new Dictionary<string, object>(StringComparer.Ordinal), [problem, .. read.Violations]);
    }

    /// <summary>Reads the arguments as a host hands them over, one JSON value per name.</summary>
    public ToolArguments Read(string tool, IReadOnlyDictionary<string, JsonElement>? arguments)
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
        object request = start;
        foreach (var parameter in Parameters)
        {
            if (parameter.Field is not { } field)
            {
                continue;
            }

            if (arguments.Values.TryGetValue(parameter.Name, out var value))
            {
                request = field.WithValue(request, value);
            }
            else if (parameter.Default is { } fallback)
            {
                request = field.WithValue(request, fallback);
            }
        }

        return (VideoGenerationRequest)request;
    }

    /// <summary><paramref name="request"/> with the value of every inherited row taken from <paramref name="earlier"/>.</summary>
    public VideoGenerationRequest Inherit(VideoGenerationRequest earlier, VideoGenerationRequest request)
    {
        object inherited = request;
        foreach (var field in Parameters.Where(p => p.IsInherited).Select(p => p.Field).OfType<RequestField>())
        {
            if (field.ValueOf(earlier) is { } value)
            {
                inherited = field.WithValue(inherited, value);
            }
        }

        return (VideoGenerationRequest)inherited;
    }

    private static bool Fits(ToolParameter parameter, string text) =>
        (parameter.MaxLength is not { } max || text.Length <= max)
        && (parameter.Pattern is not { } pattern || System.Text.RegularExpressions.Regex.IsMatch(text, pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(100)));

    private static object? ReadOne(ArgumentReader reader, ToolParameter parameter)
    {
        switch (parameter.Shape)
        {
            case FieldShape.Text:
                var text = reader.String(parameter.Name, parameter.Rule);
                if (text is not null && parameter.EnforceRange && !Fits(parameter, text.Trim()))
                {
                    reader.Add(new Violation(parameter.Rule, parameter.Name, text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 120), "…"),
                        parameter.PatternText ?? $"at most {parameter.MaxLength} characters", $"{parameter.Name} is not of the expected form"));
                    return null;
                }

                // A tool-only list of values (list_tasks' status): no validator sees it. Case does not matter, as for the lookup after.
                if (text is not null && parameter.EnforceRange && parameter.Values is { } values
                    && !values(ModelCatalog.Default).Contains(text, StringComparer.OrdinalIgnoreCase))
                {
                    reader.Add(new Violation(parameter.Rule, parameter.Name, text, string.Join(", ", values(ModelCatalog.Default)), $"unknown {parameter.Name} filter"));
                    return null;
                }

                return text;
            case FieldShape.Boolean:
                return reader.Boolean(parameter.Name, parameter.Rule);
            case FieldShape.StringList:
                return reader.Strings(parameter.Name, parameter.Rule);
            case FieldShape.ObjectList:
                return reader.Objects(parameter.Name, parameter.Rule, parameter.Items!, parameter.EnforceRange, parameter.MinItems, parameter.MaxItems);
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
