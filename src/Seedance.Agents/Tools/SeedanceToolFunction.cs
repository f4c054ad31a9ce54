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
    private readonly Lazy<SeedanceToolset> _toolset;
    private readonly Dictionary<string, object?> _properties;

    internal SeedanceToolFunction(SeedanceToolset toolset, SeedanceToolDefinition definition)
        : this(new Lazy<SeedanceToolset>(toolset), definition)
    {
    }

    private SeedanceToolFunction(Lazy<SeedanceToolset> toolset, SeedanceToolDefinition definition)
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

    /// <summary>
    /// A function for <paramref name="definition"/> whose toolset is made on its first call, for hosts that list the tools
    /// before the tools can be put together (a setting may still be missing). The first call throws what making it throws.
    /// </summary>
    public static SeedanceToolFunction Create(SeedanceToolDefinition definition, Func<SeedanceToolset> toolset)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(toolset);
        return new SeedanceToolFunction(new Lazy<SeedanceToolset>(toolset), definition);
    }

    /// <summary>The toolset that runs this function (made now if it was not yet).</summary>
    public SeedanceToolset Toolset => _toolset.Value;

    /// <summary>
    /// Runs the tool with its arguments as a host hands them over, one JSON value per name, and answers with the whole outcome
    /// (text, structured result, whether it is an error), for hosts that show more than the structured result.
    /// </summary>
    public Task<ToolOutcome> InvokeToolAsync(IReadOnlyDictionary<string, JsonElement>? arguments, ToolCallContext context,
        CancellationToken cancellationToken = default) =>
        Toolset.InvokeAsync(Name, arguments, context, cancellationToken);

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
        var outcome = await InvokeToolAsync(ToJson(arguments), new ToolCallContext(progress, approver), cancellationToken);
        return outcome.Structured;
    }

    /// <summary>Host argument values (JSON elements as they are; nodes, strings, numbers converted one by one) by name.</summary>
    internal static Dictionary<string, JsonElement> ToJson(IEnumerable<KeyValuePair<string, object?>> arguments)
    {
        var json = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in arguments)
        {
            json[name] = value is JsonElement element ? element : JsonSerializer.SerializeToElement(ToNode(value), AgentsJsonContext.Default.JsonNode);
        }

        return json;
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
