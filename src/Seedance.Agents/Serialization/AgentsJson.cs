using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Seedance.Client.Serialization;

namespace Seedance.Agents.Serialization;

/// <summary>The JSON options of the tool surface: tool results plus the client's wire types, one resolver chain.</summary>
public static class AgentsJson
{
    /// <summary>Read-only options that know every tool and wire type (pass them to MCP and Semantic Kernel alike).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(AgentsJsonContext.Default.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(AgentsJsonContext.Default, SeedanceJson.Options.TypeInfoResolver!),
        };
        options.MakeReadOnly();
        return options;
    }

    internal static JsonElement ToElement<T>(T value, JsonTypeInfo<T> info) => JsonSerializer.SerializeToElement(value, info);
}
