using System.Text.Json;
using System.Text.Json.Serialization;
using Seedance.Agents.Results;

namespace Seedance.Agents.Serialization;

/// <summary>Source-generated JSON for every tool result (AOT-safe, snake_case, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(TaskReport))]
[JsonSerializable(typeof(TaskListReport))]
[JsonSerializable(typeof(ToolError))]
[JsonSerializable(typeof(DryRunReport))]
[JsonSerializable(typeof(BalanceReport))]
[JsonSerializable(typeof(SequenceReport))]
[JsonSerializable(typeof(SequencePreview))]
[JsonSerializable(typeof(ModelListReport))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonNode))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class AgentsJsonContext : JsonSerializerContext;
