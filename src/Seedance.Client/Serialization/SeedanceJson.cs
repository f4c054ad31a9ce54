using System.Text.Json;

namespace Seedance.Client.Serialization;

/// <summary>The JSON options every Seedance component shares, backed by one source-generated context.</summary>
public static class SeedanceJson
{
    /// <summary>Read-only options for the wire types: snake_case names, nulls omitted, AOT-safe metadata.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(SeedanceJsonContext.Default.Options);
        options.MakeReadOnly();
        return options;
    }

    /// <summary>The request body exactly as it is sent.</summary>
    public static string SerializeRequest(Requests.VideoGenerationRequest request) =>
        JsonSerializer.Serialize(request, SeedanceJsonContext.Default.VideoGenerationRequest);

    /// <summary>Reads a request body; fields left out get the documented defaults (the sandbox and tests use this).</summary>
    public static Requests.VideoGenerationRequest? DeserializeRequest(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var request = root.Deserialize(SeedanceJsonContext.Default.VideoGenerationRequest);
        if (request is null || root.ValueKind != JsonValueKind.Object)
        {
            return request;
        }

        // Generated deserializers set every init-only property, so absent fields arrive as default(T), not as
        // the declared defaults: put those back for what the body did not say.
        var defaults = new Requests.VideoGenerationRequest();
        return request with
        {
            Model = Has(root, "model") ? request.Model : defaults.Model,
            Duration = Has(root, "duration") ? request.Duration : defaults.Duration,
            Size = Has(root, "size") ? request.Size : defaults.Size,
            Resolution = Has(root, "resolution") ? request.Resolution : defaults.Resolution,
        };
    }

    private static bool Has(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;
}
