using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Seedance.Agents.Results;
using Seedance.Agents.Serialization;
using Seedance.Agents.Spending;

namespace Seedance.Agents.Tools;

/// <summary>
/// One Seedance tool as a Microsoft.Extensions.AI <see cref="AIFunction"/>, for any M.E.AI host (Semantic Kernel
/// imports it with <c>AsKernelFunction()</c>). Its schema is the tool's own; invalid arguments and provider errors
/// come back as a structured <see cref="ToolError"/> result the model can correct from, not as an exception.
/// A host may put an <see cref="IProgress{T}"/> of <see cref="ToolProgress"/> and an <see cref="IPaidCallApprover"/> into
/// <see cref="AIFunctionArguments.Context"/>, keyed by those types.
/// </summary>
public sealed class SeedanceToolFunction : AIFunction
{
    private readonly SeedanceToolset _toolset;
    private readonly Dictionary<string, object?> _properties;

    internal SeedanceToolFunction(SeedanceToolset toolset, SeedanceToolDefinition definition)
    {
        _toolset = toolset;
        Definition = definition;
        _properties = new Dictionary<string, object?>
        {
            ["title"] = definition.Title,
            ["readOnly"] = definition.ReadOnly,
            ["destructive"] = definition.Destructive,
            ["idempotent"] = definition.Idempotent,
            ["openWorld"] = definition.OpenWorld,
        };
    }

    /// <summary>The definition this function serves.</summary>
    public SeedanceToolDefinition Definition { get; }

    /// <inheritdoc />
    public override string Name => Definition.Name;

    /// <inheritdoc />
    public override string Description => Definition.Description;

    /// <inheritdoc />
    public override JsonElement JsonSchema => Definition.InputSchema;

    /// <inheritdoc />
    public override JsonElement? ReturnJsonSchema => Definition.OutputSchema;

    /// <inheritdoc />
    public override JsonSerializerOptions JsonSerializerOptions => AgentsJson.Options;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> AdditionalProperties => _properties;

    /// <inheritdoc />
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var context = arguments.Context;
        var progress = context is not null && context.TryGetValue(typeof(IProgress<ToolProgress>), out var value) ? value as IProgress<ToolProgress> : null;
        var approver = context is not null && context.TryGetValue(typeof(IPaidCallApprover), out var asker) ? asker as IPaidCallApprover : null;
        var outcome = await _toolset.InvokeAsync(Name, ToJson(arguments), new ToolCallContext(progress, approver), cancellationToken);
        return outcome.Structured;
    }

    /// <summary>Turns host argument values (JSON elements, nodes, strings, numbers) into one JSON object.</summary>
    internal static JsonElement ToJson(IEnumerable<KeyValuePair<string, object?>> arguments)
    {
        var json = new JsonObject();
        foreach (var (name, value) in arguments)
        {
            json[name] = ToNode(value);
        }

        return JsonSerializer.SerializeToElement(json, AgentsJsonContext.Default.JsonNode);
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonElement element => element.ValueKind is JsonValueKind.Undefined ? null : JsonNode.Parse(element.GetRawText()),
        JsonNode node => node.DeepClone(),
        string text => LooksLikeJsonList(text) ? TryParse(text) ?? JsonValue.Create(text) : JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        int number => JsonValue.Create(number),
        long number => JsonValue.Create(number),
        double number => JsonValue.Create(number),
        decimal number => JsonValue.Create(number),
        IEnumerable<string> items => new JsonArray(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    // Some hosts pass array arguments as their JSON text; read those as arrays.
    private static bool LooksLikeJsonList(string text) => text.TrimStart().StartsWith('[') && text.TrimEnd().EndsWith(']');

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
