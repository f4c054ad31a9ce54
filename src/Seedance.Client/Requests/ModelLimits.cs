using Seedance.Client.Models;

namespace Seedance.Client.Requests;

/// <summary>
/// The one place where the request catalogue reads bounds that may depend on the model: a row's range is one of these
/// methods, never a constant. A null model (unknown, or the schema's view across models) gets the documented limits of
/// <see cref="VideoLimits"/>.
/// </summary>
public static class ModelLimits
{
    /// <summary>The allowed <c>duration</c> in seconds.</summary>
    public static IntRange Duration(ModelInfo? model) => new(VideoLimits.MinDuration, VideoLimits.MaxDuration);

    /// <summary>How many images <c>image_urls</c> (or <c>image_with_roles</c>) may hold.</summary>
    public static IntRange Images(ModelInfo? model) => new(0, VideoLimits.MaxImageUrls);

    /// <summary>How many videos <c>video_urls</c> may hold.</summary>
    public static IntRange Videos(ModelInfo? model) => new(0, VideoLimits.MaxVideoUrls);

    /// <summary>How many clips <c>audio_urls</c> may hold.</summary>
    public static IntRange AudioClips(ModelInfo? model) => new(0, VideoLimits.MaxAudioUrls);
}
