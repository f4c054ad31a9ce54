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
    private readonly JsonElement _arguments;
    private readonly List<Violation> _violations = [];

    public ArgumentReader(JsonElement arguments, IReadOnlyCollection<string> known)
    {
        _arguments = arguments;
        if (arguments.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return;
        }

        if (arguments.ValueKind != JsonValueKind.Object)
        {
            _violations.Add(new("args", "arguments", Show(arguments), "a JSON object", "the arguments must be an object"));
            return;
        }

        foreach (var property in arguments.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                _violations.Add(new("args", property.Name, Show(property.Value), $"one of: {string.Join(", ", known)}",
                    "unknown argument"));
            }
        }
    }

    public IReadOnlyList<Violation> Violations => _violations;

    public void Add(Violation violation) => _violations.Add(violation);

    public string? String(string name, string rule)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        _violations.Add(new(rule, name, Show(value), "a string", $"{name} must be a string"));
        return null;
    }

    public long? Integer(string name, string rule, long? min = null, long? max = null)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }

        long? number = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.Number when value.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15 => (long)d,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
            _ => null,
        };
        var range = min is not null && max is not null ? $"an integer from {min} to {max}" : "an integer";
        if (number is null)
        {
            _violations.Add(new(rule, name, Show(value), range, $"{name} must be a whole number"));
            return null;
        }

        if ((min is not null && number < min) || (max is not null && number > max))
        {
            _violations.Add(new(rule, name, number.Value.ToString(CultureInfo.InvariantCulture), range, $"{name} is out of range"));
            return null;
        }

        return number;
    }

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

    public IReadOnlyList<ImageWithRole>? Roles(string name)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            _violations.Add(new(RequestRules.ImageRoles, name, Show(value), "an array of {\"url\": …, \"role\": …} objects", $"{name} must be an array"));
            return null;
        }

        var items = new List<ImageWithRole>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var path = $"{name}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                _violations.Add(new(RequestRules.ImageRoles, path, Show(item), "an object with url and role", "each item must be an object"));
                continue;
            }

            string? Field(string field)
            {
                if (!item.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
                {
                    return null;
                }

                if (v.ValueKind == JsonValueKind.String)
                {
                    return v.GetString();
                }

                _violations.Add(new(RequestRules.ImageRoles, $"{path}.{field}", Show(v), "a string", $"{field} must be a string"));
                return null;
            }

            foreach (var extra in item.EnumerateObject().Where(p => p.Name is not ("url" or "role")))
            {
                _violations.Add(new(RequestRules.ImageRoles, $"{path}.{extra.Name}", Show(extra.Value), "only url and role", "unknown field"));
            }

            items.Add(new ImageWithRole { Url = Field("url"), Role = Field("role") });
        }

        return items;
    }

    public IReadOnlyList<VideoTool>? Tools(string name)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            _violations.Add(new(RequestRules.Tools, name, Show(value), "[{\"type\": \"web_search\"}]", $"{name} must be an array of objects"));
            return null;
        }

        var items = new List<VideoTool>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var path = $"{name}[{index++}]";
            if (item.ValueKind == JsonValueKind.String)
            {
                // "web_search" instead of {"type": "web_search"}: unambiguous, so accept it.
                items.Add(new VideoTool { Type = item.GetString() });
            }
            else if (item.ValueKind == JsonValueKind.Object)
            {
                items.Add(new VideoTool { Type = item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null });
            }
            else
            {
                _violations.Add(new(RequestRules.Tools, path, Show(item), "{\"type\": \"web_search\"}", "each tool must be an object"));
            }
        }

        return items;
    }

    /// <summary>
    /// The shots of a long video: an array of <paramref name="min"/> to <paramref name="max"/> items, each <c>{"prompt", "duration"}</c>
    /// (a bare string is taken as a prompt), with every problem of every item listed.
    /// </summary>
    public IReadOnlyList<ShotSpec>? Shots(string name, string rule, int min, int max, long minDuration, long maxDuration)
    {
        if (Get(name) is not { } value)
        {
            return null;
        }

        var allowed = $"an array of {min} to {max} objects {{\"prompt\": …, \"duration\": {minDuration}-{maxDuration}}}";
        if (value.ValueKind != JsonValueKind.Array)
        {
            _violations.Add(new(rule, name, Show(value), allowed, $"{name} must be an array of shots"));
            return null;
        }

        var count = value.GetArrayLength();
        if (count < min || count > max)
        {
            _violations.Add(new(rule, name, $"{count} shot{(count == 1 ? string.Empty : "s")}", allowed, $"{name} must hold {min} to {max} shots"));
        }

        var shots = new List<ShotSpec>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var path = $"{name}[{index++}]";
            if (item.ValueKind == JsonValueKind.String)
            {
                // "a cat wakes up" instead of {"prompt": "a cat wakes up"}: unambiguous, so accept it.
                AddShot(shots, path, item.GetString(), null);
                continue;
            }

            if (item.ValueKind != JsonValueKind.Object)
            {
                _violations.Add(new(rule, path, Show(item), "an object with prompt and an optional duration", "each shot must be an object"));
                continue;
            }

            foreach (var extra in item.EnumerateObject().Where(p => p.Name is not ("prompt" or "duration")))
            {
                _violations.Add(new(rule, $"{path}.{extra.Name}", Show(extra.Value), "only prompt and duration", "unknown field"));
            }

            string? prompt = null;
            if (item.TryGetProperty("prompt", out var text) && text.ValueKind != JsonValueKind.Null)
            {
                if (text.ValueKind == JsonValueKind.String)
                {
                    prompt = text.GetString();
                }
                else
                {
                    _violations.Add(new(rule, $"{path}.prompt", Show(text), "a string", "prompt must be a string"));
                    continue;
                }
            }

            long? duration = null;
            if (item.TryGetProperty("duration", out var length) && length.ValueKind != JsonValueKind.Null)
            {
                duration = length.ValueKind switch
                {
                    JsonValueKind.Number when length.TryGetInt64(out var n) => n,
                    JsonValueKind.Number when length.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) < 9e15 => (long)d,
                    JsonValueKind.String when long.TryParse(length.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
                    _ => null,
                };
                var range = $"an integer from {minDuration} to {maxDuration}";
                if (duration is null)
                {
                    _violations.Add(new(RequestRules.Duration, $"{path}.duration", Show(length), range, "duration must be a whole number"));
                    continue;
                }

                if (duration < minDuration || duration > maxDuration)
                {
                    _violations.Add(new(RequestRules.Duration, $"{path}.duration", duration.Value.ToString(CultureInfo.InvariantCulture), range,
                        "duration is out of range"));
                    continue;
                }
            }

            AddShot(shots, path, prompt, (int?)duration);
        }

        return shots;
    }

    private void AddShot(List<ShotSpec> shots, string path, string? prompt, int? duration)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            _violations.Add(new(RequestRules.PromptRequired, $"{path}.prompt", prompt, "a description of what the shot shows", "each shot needs a prompt"));
            return;
        }

        shots.Add(new ShotSpec(prompt, duration));
    }

    private JsonElement? Get(string name) =>
        _arguments.ValueKind == JsonValueKind.Object && _arguments.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    internal static string Show(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText();
        return text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 120), "…");
    }
}
