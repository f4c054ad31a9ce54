using Seedance.Client.Models;
using Seedance.Client.Requests;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Tools;

/// <summary>
/// The provider's own extension of a clip (<c>omni_reference_task_type: extend</c> with the clip in <c>video_urls</c>), used by
/// extend_video where the model has it; the words that tell the caller which way a clip was continued.
/// </summary>
internal static class ProviderExtension
{
    /// <summary>The task type that has the provider continue the clip in <c>video_urls</c>.</summary>
    public const string TaskType = "extend";

    /// <summary>
    /// The link of <paramref name="previous"/>'s video when <paramref name="model"/> has the provider's extension and the link is
    /// still alive; null when the clip is to be continued from its last frame instead.
    /// </summary>
    public static string? ClipToExtend(ModelCatalog catalog, string model, SeedanceTask previous, DateTimeOffset now)
    {
        var alive = previous.ExpiresAt is not { } expires || expires > now;
        return catalog.TryGet(model, out var info) && info.ReferenceTaskTypes.Contains(TaskType, StringComparer.Ordinal)
            && previous.VideoUrl is { } clip && MediaUrlIsHttp(clip) && alive
                ? clip
                : null;
    }

    /// <summary>The start of a request that has the provider extend <paramref name="clip"/>.</summary>
    public static VideoGenerationRequest Request(string clip) => new()
    {
        ReturnLastFrame = true,
        VideoUrls = [clip],
        OmniReferenceTaskType = TaskType,
    };

    /// <summary>Which way the clip was continued, for the answer.</summary>
    public static string Describe(string model, bool byProvider) => byProvider
        ? $"extended by the provider itself: {model} continues the clip (omni_reference_task_type extend, the clip in video_urls)"
        : $"continued from the previous clip's last frame (a first_frame image): {model} has no provider-side extension, or the clip's link expired";

    private static bool MediaUrlIsHttp(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
}
