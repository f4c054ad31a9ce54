namespace Seedance.Client.Requests;

/// <summary>The aspect ratios the provider accepts in <c>size</c>.</summary>
public static class VideoSizes
{
    /// <summary>Landscape.</summary>
    public const string Landscape16x9 = "16:9";
    /// <summary>Vertical (phone).</summary>
    public const string Portrait9x16 = "9:16";
    /// <summary>Square.</summary>
    public const string Square1x1 = "1:1";
    /// <summary>Classic landscape.</summary>
    public const string Classic4x3 = "4:3";
    /// <summary>Classic portrait.</summary>
    public const string Classic3x4 = "3:4";
    /// <summary>Ultra-wide.</summary>
    public const string UltraWide21x9 = "21:9";
    /// <summary>Follows the input image or video.</summary>
    public const string Adaptive = "adaptive";

    /// <summary>Every accepted value, in the provider's order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Landscape16x9, Portrait9x16, Square1x1, Classic4x3, Classic3x4, UltraWide21x9, Adaptive];
}
