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

    /// <summary>Shortest allowed length in seconds.</summary>
    public const int MinDuration = 4;

    /// <summary>Longest allowed length in seconds.</summary>
    public const int MaxDuration = 15;

    /// <summary>Smallest seed the provider accepts.</summary>
    public const long MinSeed = -1;

    /// <summary>Largest seed the provider accepts.</summary>
    public const long MaxSeed = 4294967295;

    /// <summary>Most images in <c>image_urls</c>.</summary>
    public const int MaxImageUrls = 9;

    /// <summary>Most videos in <c>video_urls</c>.</summary>
    public const int MaxVideoUrls = 3;

    /// <summary>Most clips in <c>audio_urls</c>.</summary>
    public const int MaxAudioUrls = 3;
}
