namespace Seedance.Client.Requests;

/// <summary>The tool types accepted in <c>tools</c>.</summary>
public static class VideoTools
{
    /// <summary>Lets generation consult the web.</summary>
    public const string WebSearch = "web_search";

    /// <summary>Every accepted tool type.</summary>
    public static IReadOnlyList<string> All { get; } = [WebSearch];
}
