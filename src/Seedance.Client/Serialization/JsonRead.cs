using System.Globalization;
using System.Text.Json;

namespace Seedance.Client.Serialization;

/// <summary>Tolerant readers for provider JSON, where a field may be a number or a string, one value or an array.</summary>
internal static class JsonRead
{
    public static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value
            : null;

    public static string? String(JsonElement element, string name) => Property(element, name) is { } value ? AsText(value) : null;

    public static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public static decimal? Decimal(JsonElement element, string name)
    {
        if (Property(element, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        return value.ValueKind == JsonValueKind.String
            && decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
    }

    public static long? Integer(JsonElement element, string name) => Decimal(element, name) is { } value
        && value >= long.MinValue && value <= long.MaxValue ? (long)Math.Round(value) : null;

    public static DateTimeOffset? UnixTime(JsonElement element, string name)
    {
        if (Integer(element, name) is not { } seconds || seconds <= 0)
        {
            return null;
        }

        // Some services send milliseconds; a seconds value that large would be far in the future.
        return seconds > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(seconds) : DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    /// <summary>A string, or every string in an array (objects with a <c>url</c> inside count too).</summary>
    public static IReadOnlyList<string> Urls(JsonElement? value)
    {
        if (value is not { } element)
        {
            return [];
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return string.IsNullOrWhiteSpace(element.GetString()) ? [] : [element.GetString()!];
            case JsonValueKind.Array:
                var urls = new List<string>();
                foreach (var item in element.EnumerateArray())
                {
                    urls.AddRange(item.ValueKind == JsonValueKind.Object ? Urls(Property(item, "url")) : Urls(item));
                }

                return urls;
            case JsonValueKind.Object:
                return Urls(Property(element, "url"));
            default:
                return [];
        }
    }
}
