namespace Seedance.Client.Models;

/// <summary>
/// What the provider answered about its models at one time, as raw JSON: the model list (<c>GET /v1/models</c>), each
/// model's input schema (<c>GET /v1/model-schema?model=…&amp;operation=video_generation</c>) and price
/// (<c>GET /api/pricing/model?model=…</c>). Kept raw so it can be cached as it came and read again by a newer build.
/// </summary>
public sealed record ProviderSnapshot
{
    /// <summary>When the answers were read.</summary>
    public required DateTimeOffset ReadAt { get; init; }

    /// <summary>The model list, or null when it could not be read.</summary>
    public string? ModelList { get; init; }

    /// <summary>Each model's <c>model-schema</c> answer, by the id asked for.</summary>
    public IReadOnlyDictionary<string, string> Schemas { get; init; } = new Dictionary<string, string>();

    /// <summary>Each model's pricing answer, by the id asked for.</summary>
    public IReadOnlyDictionary<string, string> Prices { get; init; } = new Dictionary<string, string>();
}
