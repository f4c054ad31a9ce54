using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Seedance.Agents.Serialization;

namespace Seedance.Agents.Results;

/// <summary>
/// The output schemas of the tools, generated from the result records (System.Text.Json's schema exporter over the
/// source-generated contracts, with each property's <see cref="DescriptionAttribute"/> and
/// <see cref="AllowedValuesAttribute"/>) rather than written by hand. Nulls are never written, so a property is
/// required exactly when its type cannot be null, and no property's type admits null.
/// </summary>
/// <remarks>
/// The MCP server lists these schemas in its first <c>tools/list</c>, so they are made once and cheaply: each result
/// type is exported once, and only the two attributes the records use are read (a general-purpose generator reads a
/// dozen kinds of attribute for every node, which is most of its cost, most of all under native AOT).
/// </remarks>
internal static class OutputSchemas
{
    private static readonly JsonSchemaExporterOptions Exporter = new() { TreatNullObliviousAsNonNullable = true, TransformSchemaNode = Transform };

    private static readonly JsonObject ErrorSchema = Create(typeof(ToolError));
    private static readonly JsonObject TaskReportSchema = Create(typeof(TaskReport));
    private static readonly JsonObject SequenceReportSchema = Create(typeof(SequenceReport));

    /// <summary>The schema of a <see cref="ToolError"/>, the structured result of every failed call.</summary>
    public static JsonElement Error { get; } = ToElement(ErrorSchema);

    /// <summary>What check_task answers: a <see cref="Results.TaskReport"/>, a <see cref="SequenceReport"/>, or the <see cref="ToolError"/> of a failed call.</summary>
    public static JsonElement TaskReport { get; } = OrError(TaskReportSchema, SequenceReportSchema);

    /// <summary>What generate_long_video answers: a <see cref="SequenceReport"/>, a <see cref="SequencePreview"/>, or the <see cref="ToolError"/> of a failed call.</summary>
    public static JsonElement LongVideo { get; } = OrError(SequenceReportSchema, Create(typeof(SequencePreview)));

    /// <summary>What stop_long_video answers: a <see cref="SequenceReport"/>, or the <see cref="ToolError"/> of a failed call.</summary>
    public static JsonElement Sequence { get; } = OrError(SequenceReportSchema);

    /// <summary>What generate_video and extend_video answer: a <see cref="Results.TaskReport"/>, a <see cref="DryRunReport"/>, or the <see cref="ToolError"/> of a failed call.</summary>
    public static JsonElement PaidCall { get; } = OrError(TaskReportSchema, Create(typeof(DryRunReport)));

    /// <summary>A <see cref="BalanceReport"/>, or the <see cref="ToolError"/> of a failed call.</summary>
    public static JsonElement Balance { get; } = OrError(Create(typeof(BalanceReport)));

    /// <summary>A <see cref="TaskListReport"/>, or the <see cref="ToolError"/> of a failed call.</summary>
    public static JsonElement TaskList { get; } = OrError(Create(typeof(TaskListReport)));

    private static JsonObject Create(Type type) => (JsonObject)AgentsJson.Options.GetJsonSchemaAsNode(type, Exporter);

    // Errors carry structured content too (one error contract for every host), and clients check structured content
    // against the output schema even on errors, so each tool's schema admits both shapes; their required fields tell them apart.
    private static JsonElement OrError(params JsonObject[] results) => ToElement(new JsonObject
    {
        ["type"] = "object",
        ["anyOf"] = new JsonArray([.. results.Append(ErrorSchema).Select(r => r.DeepClone())]),
    });

    private static JsonElement ToElement(JsonNode schema) => JsonSerializer.SerializeToElement(schema, AgentsJsonContext.Default.JsonNode);

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode schema)
    {
        var attributes = context.PropertyInfo?.AttributeProvider?.GetCustomAttributes(inherit: true) ?? [];
        var description = attributes.OfType<DescriptionAttribute>().FirstOrDefault()?.Description
            ?? (context.PropertyInfo is null ? context.TypeInfo.Type.GetCustomAttribute<DescriptionAttribute>()?.Description : null);

        // A schema that admits anything (a JsonElement) is written as 'true'; it needs to be an object to carry a description.
        if (schema is not JsonObject node)
        {
            if (description is null || schema.GetValueKind() != JsonValueKind.True)
            {
                return schema;
            }

            node = new JsonObject();
        }

        if (description is not null)
        {
            node.Insert(0, "description", description);
        }

        if (attributes.OfType<AllowedValuesAttribute>().FirstOrDefault() is { } allowed)
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
