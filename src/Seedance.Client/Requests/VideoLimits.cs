namespace Seedance.Client.Requests;

/// <summary>
/// The documented limits of a request that hold for every model. Limits that differ between models (duration, how many
/// images, videos and audio clips, output formats, reference task types) are each model's facts
/// (<see cref="Models.ModelInfo"/>), read through <see cref="ModelLimits"/>.
/// </summary>
public static class VideoLimits
{
    /// <summary>Smallest seed the provider accepts.</summary>
    public const long MinSeed = -1;

    /// <summary>Largest seed the provider accepts.</summary>
    public const long MaxSeed = 4294967295;

    /// <summary>Most entries in <c>tools</c> worth sending (only web_search exists); shown in the schema, not enforced.</summary>
    public const int MaxTools = 1;
}
