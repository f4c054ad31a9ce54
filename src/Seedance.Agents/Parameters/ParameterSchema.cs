using System.Text.Json;
using System.Text.Json.Nodes;
using Seedance.Agents.Serialization;
using Seedance.Client.Models;
using Seedance.Client.Requests;

namespace Seedance.Agents.Parameters;

/// <summary>Writes a tool's input JSON schema from its <see cref="ParameterTable"/>: types, enums, ranges, item limits, defaults, descriptions.</summary>
internal static class ParameterSchema
{
    public static JsonElement Write(ParameterTable table, ModelCatalog catalog)
    {
        var properties = new JsonObject();
        foreach (var parameter in table.Parameters)
        {
            properties[parameter.Name] = Property(parameter, catalog);
        }

        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["additionalProperties"] = false,
        };
        var required = table.Parameters.Where(p => p.Required).Select(p => (JsonNode)p.Name).ToArray();
        if (required.Length > 0)
        {
            schema["required"] = new JsonArray(required);
        }

        return JsonSerializer.SerializeToElement(schema, AgentsJsonContext.Default.JsonNode);
    }

    private static JsonObject Property(ToolParameter parameter, ModelCatalog catalog)
    {
        var description = parameter.Description(catalog);
        var node = parameter.Kind switch
        {
            ParameterKind.String => new JsonObject { ["type"] = "string" },
            ParameterKind.Integer => new JsonObject { ["type"] = "integer" },
            ParameterKind.Boolean => new JsonObject { ["type"] = "boolean" },
            ParameterKind.UrlList => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
            ParameterKind.ImageRoles => new JsonObject { ["type"] = "array", ["items"] = RoleItem(parameter, catalog) },
            ParameterKind.Shots => new JsonObject { ["type"] = "array", ["items"] = ShotItem(catalog) },
            _ => new JsonObject { ["type"] = "array", ["items"] = ToolItem() },
        };

        if (parameter.Values is { } values)
        {
            node["enum"] = Strings(values(catalog));
        }

        if (parameter.Minimum is { } min)
        {
            node["minimum"] = min;
        }

        if (parameter.Maximum is { } max)
        {
            node["maximum"] = max;
        }

        if (parameter.MaxLength is { } length)
        {
            node["maxLength"] = length;
        }

        if (parameter.Pattern is { } pattern)
        {
            node["pattern"] = pattern;
        }

        if (parameter.MinItems is { } fewest)
        {
            node["minItems"] = fewest;
        }

        if (parameter.MaxItems is { } items)
        {
            node["maxItems"] = items;
        }

        node["description"] = description;
        switch (parameter.Default)
        {
            case string text:
                node["default"] = text;
                break;
            case long number:
                node["default"] = number;
                break;
            case bool flag:
                node["default"] = flag;
                break;
        }

        return node;
    }

    private static JsonObject RoleItem(ToolParameter parameter, ModelCatalog catalog) => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["url"] = new JsonObject { ["type"] = "string", ["description"] = "The image. " + ParameterTexts.MediaItem(catalog) },
            ["role"] = new JsonObject
            {
                ["type"] = "string",
                ["enum"] = Strings(ImageRoles.All),
                ["description"] = "first_frame: the video starts on this image; last_frame: it ends on it; reference_image: a person "
                    + "whose likeness (face, look) the video keeps, in the provider's words a reference portrait, shown with asset:// URLs "
                    + "of approved material (an http(s) image is sent as given). first_frame and last_frame may be combined with "
                    + "reference_image. For a logo, product or style reference use image_urls instead.",
            },
        },
        ["required"] = new JsonArray("url", "role"),
        ["additionalProperties"] = false,
    };

    private static JsonObject ShotItem(ModelCatalog catalog) => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["prompt"] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = "What this shot shows: subject, action, camera movement. Shots after the first start on the previous shot's "
                    + "last frame, so describe what happens next. " + ParameterTexts.PromptLimits(catalog),
            },
            ["duration"] = new JsonObject
            {
                ["type"] = "integer",
                ["minimum"] = ShotMinimum(catalog),
                ["maximum"] = ModelLimits.MaxDuration(catalog),
                ["default"] = VideoDefaults.Duration,
                ["description"] = $"This shot's length in seconds, a whole number: {ShotDurations(catalog)}. Default {VideoDefaults.Duration}.",
            },
        },
        ["required"] = new JsonArray("prompt"),
        ["additionalProperties"] = false,
    };

    // A film's shots have known lengths: -1 ("the model chooses") is for single clips.
    private static int ShotMinimum(ModelCatalog catalog) => catalog.Models.Min(m => m.MinDuration);

    private static string ShotDurations(ModelCatalog catalog) =>
        ModelLimits.MostThenOthers(catalog, m => (m.MinDuration, m.MaxDuration), k => $"{k.MinDuration} to {k.MaxDuration}");

    private static JsonObject ToolItem() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["type"] = new JsonObject { ["type"] = "string", ["enum"] = Strings(VideoTools.All), ["description"] = "The tool type; only web_search exists." },
        },
        ["required"] = new JsonArray("type"),
        ["additionalProperties"] = false,
    };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());
}
