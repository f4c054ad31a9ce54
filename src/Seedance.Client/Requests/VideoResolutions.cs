namespace Seedance.Client.Requests;

/// <summary>The resolutions the provider knows; which ones a model accepts is in the <see cref="Models.ModelCatalog"/>.</summary>
public static class VideoResolutions
{
    /// <summary>Standard quality.</summary>
    public const string P480 = "480p";
    /// <summary>HD.</summary>
    public const string P720 = "720p";
    /// <summary>Full HD (standard model only).</summary>
    public const string P1080 = "1080p";
    /// <summary>Ultra HD (standard model only).</summary>
    public const string K4 = "4k";

    /// <summary>Every known value, lowest first.</summary>
    public static IReadOnlyList<string> All { get; } = [P480, P720, P1080, K4];
}
