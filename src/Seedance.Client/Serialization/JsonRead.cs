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

    /// <summary>A duration in seconds, when it is a plausible one (positive, under a year).</summary>
    public static TimeSpan? Seconds(JsonElement element, string name) =>
        Decimal(element, name) is { } value && value > 0 && value < 366m * 24 * 3600 ? TimeSpan.FromSeconds((double)value) : null;

    public static DateTimeOffset? UnixTime(JsonElement element, string name)
    {
        if (Integer(element, name) is not { } seconds || seconds <= 0)
        {
            return null;
        }

        // Some services send milliseconds; a seconds value that large would be far in the future. Anything past year
        // 9999 either way is nonsense from a broken answer: treat it as absent rather than fail the whole read.
        const long MaxSeconds = 253_402_300_799;
        return seconds switch
        {
            <= MaxSeconds and <= 100_000_000_000 => DateTimeOffset.FromUnixTimeSeconds(seconds),
            <= MaxSeconds * 1000 => DateTimeOffset.FromUnixTimeMilliseconds(seconds),
            _ => null,
        };
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
