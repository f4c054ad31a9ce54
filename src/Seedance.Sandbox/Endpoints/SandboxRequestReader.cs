using System.Text.Json;
using Seedance.Client.Requests;
using Seedance.Client.Serialization;

namespace Seedance.Sandbox.Endpoints;

/// <summary>
/// Reads a submit body as the provider would: JSON types first, then the request rules. The JSON type each field must
/// have comes from the request record's source-generated metadata, so a field added to
/// <see cref="VideoGenerationRequest"/> is checked here without a change.
/// </summary>
internal static class SandboxRequestReader
{
    private static readonly IReadOnlyDictionary<string, ExpectedJson> Fields =
        ExpectedJson.PropertiesOf(SeedanceJson.Options.GetTypeInfo(typeof(VideoGenerationRequest)));

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

                if (!Fields.TryGetValue(name, out var expected))
                {
                    continue;
                }

                if (!expected.Fits(value))
                {
                    problems.Add($"{name} must be {expected.Description}");
                }
                else if (expected.ItemProblem(value) is { } itemProblem)
                {
                    problems.Add($"{name} {itemProblem}");
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
}
