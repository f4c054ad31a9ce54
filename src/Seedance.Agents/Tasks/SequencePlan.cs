using System.Text;
using System.Text.Json;
using Seedance.Client.Requests;
using Seedance.Client.Serialization;

namespace Seedance.Agents.Tasks;

/// <summary>
/// The journaled plan of a long video: the request of every shot, as bodies. Shots after the first are stored without
/// their first frame, which is the previous shot's last frame and only exists once that shot is done.
/// </summary>
internal static class SequencePlan
{
    /// <summary>The prefix of sequence ids, which check_task, extend_video and list_tasks recognise.</summary>
    public const string IdPrefix = "seq_";

    /// <summary>Stands in, in a dry run's bodies, for the previous shot's last frame.</summary>
    public const string PreviousLastFrame = "https://previous-shot.invalid/last-frame.png";

    /// <summary>True for a sequence id.</summary>
    public static bool IsSequenceId(string id) => id.StartsWith(IdPrefix, StringComparison.Ordinal);

    /// <summary>A new sequence id.</summary>
    public static string NewId() => IdPrefix + Guid.NewGuid().ToString("N")[..20];

    /// <summary>The plan of <paramref name="shots"/> as one JSON array.</summary>
    public static string Write(IReadOnlyList<VideoGenerationRequest> shots)
    {
        var text = new StringBuilder("[");
        for (var i = 0; i < shots.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : ",").Append(SeedanceJson.SerializeRequest(shots[i]));
        }

        return text.Append(']').ToString();
    }

    /// <summary>The shots' requests of a journaled plan (an unreadable plan has none).</summary>
    public static IReadOnlyList<VideoGenerationRequest> Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind != JsonValueKind.Array
                ? []
                : document.RootElement.EnumerateArray().Select(e => SeedanceJson.DeserializeRequest(e.GetRawText()) ?? new VideoGenerationRequest()).ToArray();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>A later shot's request starting on <paramref name="firstFrame"/>.</summary>
    public static VideoGenerationRequest StartingOn(VideoGenerationRequest shot, string firstFrame) =>
        shot with { ImageUrls = null, ImageWithRoles = [new ImageWithRole { Url = firstFrame, Role = ImageRoles.FirstFrame }] };
}
