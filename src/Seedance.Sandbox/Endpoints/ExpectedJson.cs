using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Seedance.Sandbox.Endpoints;

/// <summary>
/// The JSON a field must hold, worked out from source-generated <see cref="JsonTypeInfo"/> (no reflection): a string,
/// an integer, a boolean, a number, or an array of those or of objects whose own fields are checked the same way.
/// </summary>
internal sealed class ExpectedJson
{
    private readonly Func<JsonElement, bool> _fits;
    private readonly IReadOnlyDictionary<string, ExpectedJson>? _itemFields;

    private ExpectedJson(string description, Func<JsonElement, bool> fits, IReadOnlyDictionary<string, ExpectedJson>? itemFields = null)
    {
        Description = description;
        _fits = fits;
        _itemFields = itemFields;
    }

    /// <summary>What the field must be, as read after "must be": <c>an integer</c>, <c>an array of strings</c>.</summary>
    public string Description { get; }

    /// <summary>The expected JSON of each property of <paramref name="type"/>, by its JSON name.</summary>
    public static IReadOnlyDictionary<string, ExpectedJson> PropertiesOf(JsonTypeInfo type)
    {
        var fields = new Dictionary<string, ExpectedJson>(StringComparer.Ordinal);
        foreach (var property in type.Properties)
        {
            if (For(property.PropertyType, type.Options) is { } expected)
            {
                fields[property.Name] = expected;
            }
        }

        return fields;
    }

    /// <summary>True when <paramref name="value"/> has the expected JSON type (null always fits: it means absent).</summary>
    public bool Fits(JsonElement value) => value.ValueKind == JsonValueKind.Null || _fits(value);

    /// <summary>For an array of objects, what is wrong with its items' fields (for example "items need string url and role"), or null.</summary>
    public string? ItemProblem(JsonElement value)
    {
        if (_itemFields is not { Count: > 0 } fields || value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var item in value.EnumerateArray())
        {
            foreach (var (name, expected) in fields)
            {
                if (item.TryGetProperty(name, out var field) && !expected.Fits(field))
                {
                    return "items need " + Describe(fields);
                }
            }
        }

        return null;
    }

    /// <summary>"string url and role" when the fields share a type, else "string url and integer size".</summary>
    private static string Describe(IReadOnlyDictionary<string, ExpectedJson> fields)
    {
        var kinds = fields.Values.Select(f => Short(f.Description)).Distinct().ToArray();
        return kinds.Length == 1
            ? $"{kinds[0]} {string.Join(" and ", fields.Keys)}"
            : string.Join(" and ", fields.Select(f => $"{Short(f.Value.Description)} {f.Key}"));
    }

    private static string Short(string description) => description.Split(' ', 2)[^1];

    private static ExpectedJson? For(Type type, JsonSerializerOptions options)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return new("a string", v => v.ValueKind == JsonValueKind.String);
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(uint) || type == typeof(ulong))
        {
            return new("an integer", v => v.ValueKind == JsonValueKind.Number && (v.TryGetInt64(out _) || v.TryGetUInt64(out _)));
        }

        if (type == typeof(bool))
        {
            return new("a boolean", v => v.ValueKind is JsonValueKind.True or JsonValueKind.False);
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return new("a number", v => v.ValueKind == JsonValueKind.Number);
        }

        var info = options.GetTypeInfo(type);
        if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } elementType)
        {
            var element = options.GetTypeInfo(elementType);
            if (element.Kind == JsonTypeInfoKind.Object)
            {
                return new("an array of objects", v => IsArrayOf(v, e => e.ValueKind == JsonValueKind.Object),
                    itemFields: PropertiesOf(element));
            }

            if (For(elementType, options) is { } item)
            {
                return new($"an array of {Plural(item.Description)}", v => IsArrayOf(v, item._fits));
            }
        }

        return info.Kind == JsonTypeInfoKind.Object ? new("an object", v => v.ValueKind == JsonValueKind.Object) : null;
    }

    private static string Plural(string description) => Short(description) + "s";

    private static bool IsArrayOf(JsonElement value, Func<JsonElement, bool> fits) =>
        value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(fits);
}
