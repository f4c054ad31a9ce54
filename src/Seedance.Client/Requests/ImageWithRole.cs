using System.Text.Json.Serialization;

namespace Seedance.Client.Requests;

/// <summary>An image with the part it plays in the video: <c>first_frame</c>, <c>last_frame</c> or <c>reference_image</c>.</summary>
public sealed record ImageWithRole
{
    /// <summary>An <c>http(s)://</c> URL or an <c>asset://</c> id.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    /// <summary>One of <see cref="ImageRoles"/>.</summary>
    [JsonPropertyName("role")]
    public string? Role { get; init; }
}
