using System.Text.Json;
using Seedance.Client.Requests;
using Seedance.Client.Serialization;

namespace Seedance.Sandbox.Endpoints;

/// <summary>Reads a submit body as the provider would: JSON types first, then the request rules.</summary>
internal static class SandboxRequestReader
{
    private static readonly Dictionary<string, JsonValueKind> Scalars = new(StringComparer.Ordinal)
    {
        ["model"] = JsonValueKind.String,
        ["prompt"] = JsonValueKind.String,
        ["size"] = JsonValueKind.String,
        ["resolution"] = JsonValueKind.String,
    };

    private static readonly string[] Integers = ["duration", "seed"];
    private static readonly string[] Booleans = ["generate_audio", "return_last_frame"];
    private static readonly string[] StringArrays = ["image_urls", "video_urls", "audio_urls"];
    private static readonly string[] ObjectArrays = ["tools", "image_with_roles"];

    /// <summary>The request, or every type problem found in the body.</summary>
    public static (VideoGenerationRequest? Request, IReadOnlyList<string> Problems) Read(string body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return (null, [$"the body is not valid JSON ({ex.Message})"]);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, ["the body must be a JSON object"]);
            }

            var problems = new List<string>();
            if (!root.TryGetProperty("model", out _))
            {
                problems.Add("model is required");
            }

            foreach (var property in root.EnumerateObject())
            {
                var value = property.Value;
                var name = property.Name;
                if (value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                if (Scalars.TryGetValue(name, out var kind) && value.ValueKind != kind)
                {
                    problems.Add($"{name} must be a string");
                }
                else if (Integers.Contains(name) && !(value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _)))
                {
                    problems.Add($"{name} must be an integer");
                }
                else if (Booleans.Contains(name) && value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add($"{name} must be a boolean");
                }
                else if (StringArrays.Contains(name) && !IsArrayOf(value, JsonValueKind.String))
                {
                    problems.Add($"{name} must be an array of strings");
                }
                else if (ObjectArrays.Contains(name) && !IsArrayOf(value, JsonValueKind.Object))
                {
                    problems.Add($"{name} must be an array of objects");
                }
                else if (name == "image_with_roles")
                {
                    foreach (var item in value.EnumerateArray())
                    {
                        if (item.TryGetProperty("url", out var url) && url.ValueKind != JsonValueKind.String
                            || item.TryGetProperty("role", out var role) && role.ValueKind != JsonValueKind.String)
                        {
                            problems.Add("image_with_roles items need string url and role");
                            break;
                        }
                    }
                }
            }

            if (problems.Count > 0)
            {
                return (null, problems);
            }
        }

        try
        {
            return (SeedanceJson.DeserializeRequest(body), []);
        }
        catch (JsonException ex)
        {
            return (null, [$"the body could not be read ({ex.Message})"]);
        }
    }

    private static bool IsArrayOf(JsonElement value, JsonValueKind kind) =>
        value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(item => item.ValueKind == kind);
}
