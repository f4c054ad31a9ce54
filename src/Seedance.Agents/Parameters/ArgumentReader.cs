using System.Globalization;
using System.Text.Json;
using Seedance.Client.Requests;
using Seedance.Client.Validation;

namespace Seedance.Agents.Parameters;

/// <summary>
/// Reads tool arguments loosely from JSON and records every problem as a <see cref="Violation"/> naming the
/// argument, the value given and what is allowed, so a model can correct its call. JSON null counts as absent;
/// numbers and booleans sent as strings ("10", "true") are accepted, since what is sent on is typed correctly.
/// </summary>
internal sealed class ArgumentReader
{
    private static readonly Dictionary<string, JsonElement> None = [];

    private readonly IReadOnlyDictionary<string, JsonElement> _arguments;
    private readonly List<Violation> _violations = [];

    /// <summary>Reads a call's arguments as the host hands them over, one JSON value per name (MCP does so); no copy is made.</summary>
    public ArgumentReader(IReadOnlyDictionary<string, JsonElement>? arguments, IReadOnlyCollection<string> known)
    {
        _arguments = arguments ?? None;
        foreach (var (name, value) in _arguments)
        {
            if (!known.Contains(name))
            {
                _violations.Add(new("args", name, Show(value), $"one of: {string.Join(", ", known)}", "unknown argument"));
            }
        }
    }

    /// <summary>The members of an arguments object, by name (an absent or null object has none; anything else is not an object).</summary>
    public static IReadOnlyDictionary<string, JsonElement>? Members(JsonElement arguments, out Violation? problem)
    {
        problem = null;
        switch (arguments.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return null;
            case JsonValueKind.Object:
                var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var property in arguments.EnumerateObject())
                {
                    members[property.Name] = property.Value;
                }

                return members;
            default:
                problem = new("args", "arguments", Show(arguments), "a JSON object", "the arguments must be an object");
                return null;
        }
    }

    public IReadOnlyList<Violation> Violations => _violations;

    public void Add(Violation violation) => _violations.Add(violation);

    public string? String(string name, string rule) => Get(name) is { } value ? Text(value, name, name, rule) : null;

    public long? Integer(string name, string rule, long? min = null, long? max = null) =>
        Get(name) is { } value ? Number(value, name, name, rule, min, max) : null;

    public bool? Boolean(string name, string rule)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String when bool.TryParse(value.GetString(), out var parsed):
                return parsed;
            default:
                _violations.Add(new(rule, name, Show(value), "true or false", $"{name} must be a boolean"));
                return null;
        }
    }

    public IReadOnlyList<string>? Strings(string name, string rule)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            // A single URL where a list was expected is a common slip; accept it as a list of one.
            return [value.GetString()!];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            _violations.Add(new(rule, name, Show(value), "an array of strings", $"{name} must be an array of URLs"));
            return null;
        }

        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                items.Add(item.GetString()!);
            }
            else
            {
                _violations.Add(new(rule, $"{name}[{index}]", Show(item), "a URL string", "each item must be a string"));
            }

            index++;
        }

        return items;
    }

    /// <summary>
    /// A list of objects shaped by <paramref name="items"/> (an <c>image_with_roles</c>, <c>tools</c> or <c>shots</c> array), each item read
    /// field by field from the item's rows, unknown fields refused. A bare string stands for an item with one required field
    /// ("web_search", a shot's prompt). With <paramref name="enforce"/> (a tool-only argument, which no validator sees) the
    /// count, each item's required fields and its numbers' ranges are checked here too.
    /// </summary>
    public object? Objects(string name, string rule, ItemShape items, bool enforce, int? min, int? max)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }

        var required = items.Fields.Where(f => f.Required).ToArray();
        var example = "{" + string.Join(", ", items.Fields.Select(f => $"\"{f.Name}\": …")) + "}";
        if (value.ValueKind != JsonValueKind.Array)
        {
            _violations.Add(new(rule, name, Show(value), $"an array of {example} objects", $"{name} must be an array of objects"));
            return null;
        }

        var count = value.GetArrayLength();
        if (enforce && (count < (min ?? 0) || count > (max ?? int.MaxValue)))
        {
            _violations.Add(new(rule, name, $"{count} item{(count == 1 ? string.Empty : "s")}", $"an array of {min} to {max} {example} objects",
                $"{name} must hold {min} to {max} items"));
        }

        var read = new List<object>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var path = $"{name}[{index++}]";
            if (item.ValueKind == JsonValueKind.String && required.Length == 1)
            {
                // "web_search" for {"type": "web_search"}, "a cat wakes up" for {"prompt": "a cat wakes up"}: unambiguous, so accepted.
                var single = required[0].WithValue(items.NewItem(), item.GetString());
                if (!enforce || Complete(items, single, path))
                {
                    read.Add(single);
                }

                continue;
            }

            if (item.ValueKind != JsonValueKind.Object)
            {
                _violations.Add(new(rule, path, Show(item), items.Summary, "each item must be an object"));
                continue;
            }

            foreach (var extra in item.EnumerateObject().Where(p => !items.Fields.Any(f => f.Name == p.Name)))
            {
                _violations.Add(new(rule, $"{path}.{extra.Name}", Show(extra.Value), "only " + string.Join(" and ", items.Fields.Select(f => f.Name)),
                    "unknown field"));
            }

            var built = items.NewItem();
            var fine = true;
            foreach (var field in items.Fields)
            {
                if (!item.TryGetProperty(field.Name, out var given) || given.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                var fieldPath = $"{path}.{field.Name}";
                var range = enforce && field.Shape == FieldShape.WholeNumber ? field.Range?.Invoke(null) : null;
                object? read1 = field.Shape switch
                {
                    FieldShape.WholeNumber => Number(given, fieldPath, field.Name, field.Rule, range?.Min, range?.Max, field.IsInt32),
                    _ => Text(given, fieldPath, field.Name, field.Rule),
                };
                if (read1 is null)
                {
                    fine = false;
                    continue;
                }

                built = field.WithValue(built, read1);
            }

            if (fine && (!enforce || Complete(items, built, path)))
            {
                read.Add(built);
            }
        }

        return items.ToList(read);
    }

    // The required fields of an item of a tool-only list (a shot's prompt): the validator never sees them.
    private bool Complete(ItemShape items, object item, string path)
    {
        var complete = true;
        foreach (var field in items.Fields.Where(f => f.Required && string.IsNullOrWhiteSpace(f.ValueOf(item) as string)))
        {
            _violations.Add(new(field.Rule, $"{path}.{field.Name}", field.ValueOf(item) as string, field.Hint ?? "a value",
                field.Missing ?? $"{field.Name} is missing"));
            complete = false;
        }

        return complete;
    }

    private string? Text(JsonElement value, string path, string name, string rule)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        _violations.Add(new(rule, path, Show(value), "a string", $"{name} must be a string"));
        return null;
    }

    private long? Number(JsonElement value, string path, string name, string rule, long? min, long? max, bool int32 = false)
    {
        long? number = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.Number when value.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15 => (long)d,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
            _ => null,
        };
        var range = min is not null && max is not null ? new IntRange(min.Value, max.Value).Text : "an integer";
        if (number is null)
        {
            _violations.Add(new(rule, path, Show(value), range, $"{name} must be a whole number"));
            return null;
        }

        if ((min is not null && number < min) || (max is not null && number > max) || (int32 && number is < int.MinValue or > int.MaxValue))
        {
            _violations.Add(new(rule, path, number.Value.ToString(CultureInfo.InvariantCulture), range, $"{name} is out of range"));
            return null;
        }

        return number;
    }

    private JsonElement? Get(string name) =>
        _arguments.TryGetValue(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value
            : null;

    internal static string Show(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            return string.Empty;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText();
        return text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 120), "…");
    }
}
