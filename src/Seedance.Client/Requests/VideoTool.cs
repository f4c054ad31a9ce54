using System.Text.Json.Serialization;

namespace Seedance.Client.Requests;

/// <summary>An extension tool for generation; the provider knows only <c>web_search</c>.</summary>
public sealed record VideoTool
{
    /// <summary>The tool type, <c>web_search</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The web search tool.</summary>
    public static VideoTool WebSearch { get; } = new() { Type = VideoTools.WebSearch };
}
