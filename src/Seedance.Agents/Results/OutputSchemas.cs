using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Seedance.Agents.Serialization;

namespace Seedance.Agents.Results;

/// <summary>
/// The output schemas of the tools, generated from the result records (Microsoft.Extensions.AI's schema generation over
/// the source-generated JSON options) rather than written by hand. Nulls are never written, so a property is required
/// exactly when its type cannot be null, and no property's type admits null.
/// </summary>
internal static class OutputSchemas
{
    private static readonly AIJsonSchemaCreateOptions Options = new() { TransformSchemaNode = Transform };

    /// <summary>The schema of a <see cref="ToolError"/>, the structured result of every failed call.</summary>
    public static JsonElement Error { get; } = Create(typeof(ToolError));

    /// <summary>What check_task answers: a <see cref="Results.TaskReport"/>, a <see cref="SequenceReport"/>, or the <see cref="ToolError"/> of a failed call.</summary>
    public static JsonElement TaskReport { get; } = OrError(Create(typeof(TaskReport)), Create(typeof(SequenceReport)));

    /// <summary>What generate_long_video answers: a <see cref="SequenceReport"/>, a <see cref="SequencePreview"/>, or the <see cref="ToolError"/> of a failed call.</summary>
    public static JsonElement LongVideo { get; } = OrError(Create(typeof(SequenceReport)), Create(typeof(SequencePreview)));

    /// <summary>What stop_long_video answers: a <see cref="SequenceReport"/>, or the <see cref="ToolError"/> of a failed call.</summary>
    public static JsonElement Sequence { get; } = OrError(Create(typeof(SequenceReport)));

    /// <summary>What generate_video and extend_video answer: a <see cref="Results.TaskReport"/>, a <see cref="DryRunReport"/>, or the <see cref="ToolError"/> of a failed call.</summary>
    public static JsonElement PaidCall { get; } = OrError(Create(typeof(TaskReport)), Create(typeof(DryRunReport)));

    /// <summary>A <see cref="BalanceReport"/>, or the <see cref="ToolError"/> of a failed call.</summary>
    public static JsonElement Balance { get; } = OrError(Create(typeof(BalanceReport)));

    /// <summary>A <see cref="TaskListReport"/>, or the <see cref="ToolError"/> of a failed call.</summary>
    public static JsonElement TaskList { get; } = OrError(Create(typeof(TaskListReport)));

    private static JsonElement Create(Type type) =>
        AIJsonUtilities.CreateJsonSchema(type, serializerOptions: AgentsJson.Options, inferenceOptions: Options);

    // Errors carry structured content too (one error contract for every host), and clients check structured content
    // against the output schema even on errors, so each tool's schema admits both shapes; their required fields tell them apart.
    private static JsonElement OrError(params JsonElement[] results) => JsonSerializer.SerializeToElement(new JsonObject
    {
        ["type"] = "object",
        ["anyOf"] = new JsonArray([.. results.Append(Error).Select(r => JsonNode.Parse(r.GetRawText()))]),
    }, AgentsJsonContext.Default.JsonNode);

    private static JsonNode Transform(AIJsonSchemaCreateContext context, JsonNode schema)
    {
        if (schema is not JsonObject node)
        {
            return schema;
        }

        if (context.GetCustomAttribute<AllowedValuesAttribute>() is { } allowed)
        {
            node["enum"] = new JsonArray(allowed.Values.Select(v => (JsonNode?)JsonValue.Create(v?.ToString())).ToArray());
        }

        if (node["properties"] is JsonObject properties)
        {
            var required = new JsonArray();
            foreach (var (name, property) in properties)
            {
                if (property is JsonObject value && !DropNull(value))
                {
                    required.Add((JsonNode)name);
                }
            }

            node.Remove("required");
            if (required.Count > 0)
            {
                node["required"] = required;
            }
        }

        return node;
    }

    /// <summary>Removes "null" from a property's type; true when it was there (the property is optional).</summary>
    private static bool DropNull(JsonObject property)
    {
        if (property["type"] is not JsonArray types)
        {
            return false;
        }

        var rest = types.Where(t => t?.GetValue<string>() != "null").Select(t => t!.GetValue<string>()).ToArray();
        if (rest.Length == types.Count)
        {
            return false;
        }

        property["type"] = rest.Length == 1 ? rest[0] : new JsonArray(rest.Select(t => (JsonNode?)t).ToArray());
        return true;
    }
}
