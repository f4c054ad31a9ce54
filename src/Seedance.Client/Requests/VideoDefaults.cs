namespace Seedance.Client.Requests;

/// <summary>The values sent when a caller leaves a field out; the provider's own defaults have changed over time, so these are always sent.</summary>
public static class VideoDefaults
{
    /// <summary>Default length in seconds.</summary>
    public const int Duration = 5;

    /// <summary>Default aspect ratio.</summary>
    public const string Size = VideoSizes.Landscape16x9;

    /// <summary>Default resolution.</summary>
    public const string Resolution = VideoResolutions.P720;
}
