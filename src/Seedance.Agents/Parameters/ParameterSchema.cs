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

    private static JsonObject Property(ToolParameter parameter, ModelCatalog catalog) =>
        Node(parameter.Shape, parameter.Items, parameter.Values?.Invoke(catalog), parameter.Minimum, parameter.Maximum, parameter.MaxLength,
            parameter.Pattern, parameter.MinItems, parameter.MaxItems, parameter.Description(catalog), parameter.Default, catalog);

    // A field of a nested item, from its catalogue row (or a tool's projection of one).
    private static JsonObject ItemProperty(RequestField field, ModelCatalog catalog)
    {
        var range = field.Shape == FieldShape.WholeNumber ? field.Range?.Invoke(null) : null;
        return Node(field.Shape, field.Items, field.Values?.Invoke(catalog, null), range?.Min, range?.Max, maxLength: null, pattern: null,
            minItems: null, maxItems: null, field.Description(catalog), field.Default, catalog);
    }

    private static JsonObject Node(FieldShape shape, ItemShape? items, IReadOnlyList<string>? values, long? minimum, long? maximum, int? maxLength,
        string? pattern, int? minItems, int? maxItems, string description, object? fallback, ModelCatalog catalog)
    {
        var node = shape switch
        {
            FieldShape.Text => new JsonObject { ["type"] = "string" },
            FieldShape.WholeNumber => new JsonObject { ["type"] = "integer" },
            FieldShape.Boolean => new JsonObject { ["type"] = "boolean" },
            FieldShape.StringList => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
            _ => new JsonObject { ["type"] = "array", ["items"] = Item(items!, catalog) },
        };

        if (values is not null)
        {
            node["enum"] = Strings(values);
        }

        if (minimum is { } min)
        {
            node["minimum"] = min;
        }

        if (maximum is { } max)
        {
            node["maximum"] = max;
        }

        if (maxLength is { } length)
        {
            node["maxLength"] = length;
        }

        if (pattern is not null)
        {
            node["pattern"] = pattern;
        }

        if (minItems is { } fewest)
        {
            node["minItems"] = fewest;
        }

        if (maxItems is { } most)
        {
            node["maxItems"] = most;
        }

        node["description"] = description;
        switch (fallback)
        {
            case string text:
                node["default"] = text;
                break;
            case int number:
                node["default"] = number;
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

    private static JsonObject Item(ItemShape items, ModelCatalog catalog)
    {
        var properties = new JsonObject();
        foreach (var field in items.Fields)
        {
            properties[field.Name] = ItemProperty(field, catalog);
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray(items.Fields.Where(f => f.Required).Select(f => (JsonNode)f.Name).ToArray()),
            ["additionalProperties"] = false,
        };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());
}
