using System.Text.Json.Serialization;

namespace Seedance.Client.Requests;

/// <summary>
/// The body of <c>POST /v1/videos/generations</c>, with the provider's own field names and JSON types.
/// Values are kept as given (strings, not enums) so that validation can report exactly what was wrong.
/// </summary>
public sealed record VideoGenerationRequest
{
    /// <summary>The model name, for example <c>doubao-seedance-2.0</c>. See <see cref="SeedanceModels"/>.</summary>
    [JsonPropertyName("model")]
    public string Model { get; init; } = SeedanceModels.Standard;

    /// <summary>What the video shows. Required for text-to-video.</summary>
    [JsonPropertyName("prompt")]
    public string? Prompt { get; init; }

    /// <summary>Length in seconds within the model's range (<see cref="ModelLimits.Duration"/>: 4 to 15 on 2.0; -1 lets 2.5 choose). Always sent; the default is 5.</summary>
    [JsonPropertyName("duration")]
    public int Duration { get; init; } = VideoDefaults.Duration;

    /// <summary>The aspect ratio. See <see cref="VideoSizes"/>. Always sent; the default is <c>16:9</c>.</summary>
    [JsonPropertyName("size")]
    public string Size { get; init; } = VideoDefaults.Size;

    /// <summary>The resolution. See <see cref="VideoResolutions"/>. Always sent; the default is <c>720p</c>.</summary>
    [JsonPropertyName("resolution")]
    public string Resolution { get; init; } = VideoDefaults.Resolution;

    /// <summary>Random seed (−1 … 4294967295); omitted when null.</summary>
    [JsonPropertyName("seed")]
    public long? Seed { get; init; }

    /// <summary>Whether the video has AI-generated sound. Always sent; the default is false.</summary>
    [JsonPropertyName("generate_audio")]
    public bool GenerateAudio { get; init; }

    /// <summary>Whether the result also returns the last frame as an image; omitted when null.</summary>
    [JsonPropertyName("return_last_frame")]
    public bool? ReturnLastFrame { get; init; }

    /// <summary>Extra tools; only <c>{"type":"web_search"}</c> exists.</summary>
    [JsonPropertyName("tools")]
    public IReadOnlyList<VideoTool>? Tools { get; init; }

    /// <summary>Reference images (at most 9). Not together with <see cref="ImageWithRoles"/>.</summary>
    [JsonPropertyName("image_urls")]
    public IReadOnlyList<string>? ImageUrls { get; init; }

    /// <summary>Images with a role (first frame, last frame, reference image). Not together with <see cref="ImageUrls"/>.</summary>
    [JsonPropertyName("image_with_roles")]
    public IReadOnlyList<ImageWithRole>? ImageWithRoles { get; init; }

    /// <summary>Reference videos (at most 3).</summary>
    [JsonPropertyName("video_urls")]
    public IReadOnlyList<string>? VideoUrls { get; init; }

    /// <summary>Reference audio clips (at most 3), only beside an image or a video.</summary>
    [JsonPropertyName("audio_urls")]
    public IReadOnlyList<string>? AudioUrls { get; init; }

    /// <summary>The container of the result (<c>mp4</c> or <c>mov</c> on models that offer it); omitted when null.</summary>
    [JsonPropertyName("output_format")]
    public string? OutputFormat { get; init; }

    /// <summary>How references are used (<c>auto</c>, <c>reference</c>, <c>edit</c>, <c>extend</c> on models that offer it); omitted when null.</summary>
    [JsonPropertyName("omni_reference_task_type")]
    public string? OmniReferenceTaskType { get; init; }
}
