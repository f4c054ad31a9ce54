namespace Seedance.Client.Requests;

/// <summary>
/// The documented limits of a request that hold for every model. Limits that may differ between models (duration, how many
/// images, videos and audio clips) are read through <see cref="ModelLimits"/>, which falls back to these.
/// </summary>
public static class VideoLimits
{
    /// <summary>Shortest allowed length in seconds.</summary>
    public const int MinDuration = 4;

    /// <summary>Longest allowed length in seconds.</summary>
    public const int MaxDuration = 15;

    /// <summary>Smallest seed the provider accepts.</summary>
    public const long MinSeed = -1;

    /// <summary>Largest seed the provider accepts.</summary>
    public const long MaxSeed = 4294967295;

    /// <summary>Most images in <c>image_urls</c> (or <c>image_with_roles</c>).</summary>
    public const int MaxImageUrls = 9;

    /// <summary>Most videos in <c>video_urls</c>.</summary>
    public const int MaxVideoUrls = 3;

    /// <summary>Most clips in <c>audio_urls</c>.</summary>
    public const int MaxAudioUrls = 3;

    /// <summary>Most entries in <c>tools</c> worth sending (only web_search exists); shown in the schema, not enforced.</summary>
    public const int MaxTools = 1;
}
