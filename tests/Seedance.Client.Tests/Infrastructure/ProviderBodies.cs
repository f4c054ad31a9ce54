using System.Globalization;

namespace Seedance.Client.Tests.Infrastructure;

/// <summary>Provider answers in the documented shapes.</summary>
public static class ProviderBodies
{
    public const string SubmitArray = """{"code":200,"data":[{"status":"submitted","task_id":"task_01ARRAY"}]}""";
    public const string SubmitObject = """{"code":200,"data":{"id":"task_01OBJECT","status":"pending","created":1765000891}}""";

    public static string Error(int code, string type, string message = "something") =>
        "{\"error\":{\"code\":" + code.ToString(CultureInfo.InvariantCulture) + ",\"message\":\"" + message + "\",\"type\":\"" + type + "\"}}";

    public static string Running(string id = "task_01X", int progress = 10, int? estimated = 120, long created = 1765000000) =>
        "{\"code\":200,\"data\":{\"id\":\"" + id + "\",\"status\":\"processing\",\"progress\":" + progress.ToString(CultureInfo.InvariantCulture)
        + ",\"created\":" + created.ToString(CultureInfo.InvariantCulture)
        + (estimated is null ? string.Empty : ",\"estimated_time\":" + estimated.Value.ToString(CultureInfo.InvariantCulture)) + "}}";

    public static string Completed(string id = "task_01X") =>
        """{"code":200,"data":{"id":"ID","status":"completed","progress":100,"result":{"videos":[{"url":["https://cdn.example.test/video_ID.mp4"],"expires_at":1765087446}]},"created":1765000891,"completed":1765001046,"estimated_time":600,"actual_time":155,"cost":0.1,"credits_cost":1}}"""
            .Replace("ID", id, StringComparison.Ordinal);
}
