using System.Text.Json;
using Seedance.Client.Serialization;
using Seedance.Client.Tasks;
using Seedance.Client.Tests.Infrastructure;

namespace Seedance.Client.Tests.Serialization;

public sealed class ProviderResponsesTests
{
    private static SeedanceTask Task(string json) =>
        ProviderResponses.ReadTask(JsonDocument.Parse(json).RootElement, "task_requested")!;

    [Theory]
    [InlineData(ProviderBodies.SubmitArray, "task_01ARRAY")]
    [InlineData(ProviderBodies.SubmitObject, "task_01OBJECT")]
    [InlineData("""{"code":200,"data":{"task_id":"task_01T"}}""", "task_01T")]
    public void ReadSubmittedTaskId_BothDocumentedShapes(string json, string expected) =>
        Assert.Equal(expected, ProviderResponses.ReadSubmittedTaskId(JsonDocument.Parse(json).RootElement));

    [Theory]
    [InlineData("""{"code":200,"data":[]}""")]
    [InlineData("""{"code":200,"data":{"status":"submitted"}}""")]
    public void ReadSubmittedTaskId_NoId_Null(string json) =>
        Assert.Null(ProviderResponses.ReadSubmittedTaskId(JsonDocument.Parse(json).RootElement));

    [Theory]
    [InlineData("javascript:alert(1)", "javascript:")]
    [InlineData("data:text/html,<script>alert(1)</script>", "data:")]
    [InlineData("file:///etc/passwd", "file:")]
    public void ReadTask_ResultLinkNotHttp_LeftOutAndNamedByScheme(string link, string scheme)
    {
        var quoted = JsonSerializer.Serialize(link);
        var task = Task("""{"code":200,"data":{"id":"task_01X","status":"completed","result":{"videos":[{"url":["""
            + quoted + """, "https://cdn.example.test/v.mp4"]}], "last_frame_url":""" + quoted + "}}}");

        Assert.Equal(["https://cdn.example.test/v.mp4"], task.VideoUrls);
        Assert.Null(task.LastFrameUrl);
        Assert.Equal([scheme, scheme], task.DroppedLinks);
    }

    [Fact]
    public void ReadTask_DocumentedCompletedExample_MapsEveryField()
    {
        var task = Task(ProviderBodies.Completed("task_01DOC"));

        Assert.Equal("task_01DOC", task.Id);
        Assert.Equal(SeedanceTaskState.Succeeded, task.State);
        Assert.Equal("completed", task.RawStatus);
        Assert.Equal(100, task.Progress);
        Assert.Equal(["https://cdn.example.test/video_task_01DOC.mp4"], task.VideoUrls);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1765087446), task.ExpiresAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1765000891), task.CreatedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1765001046), task.CompletedAt);
        Assert.Equal(TimeSpan.FromSeconds(600), task.EstimatedTime);
        Assert.Equal(TimeSpan.FromSeconds(155), task.ActualTime);
        Assert.Equal(0.1m, task.Cost);
        Assert.Equal(1m, task.CreditsCost);
        Assert.True(task.IsTerminal);
        Assert.Equal("completed", task.Raw.GetProperty("status").GetString());
    }

    [Fact]
    public void ReadTask_UrlAsSingleString_Accepted()
    {
        var task = Task("""{"data":{"id":"t","status":"completed","result":{"videos":[{"url":"https://x.test/v.mp4","expires_at":1765087446}]}}}""");

        Assert.Equal(["https://x.test/v.mp4"], task.VideoUrls);
        Assert.NotNull(task.ExpiresAt);
    }

    [Theory]
    [InlineData("submitted", SeedanceTaskState.Queued)]
    [InlineData("pending", SeedanceTaskState.Queued)]
    [InlineData("processing", SeedanceTaskState.Running)]
    [InlineData("in_progress", SeedanceTaskState.Running)]
    [InlineData("rendering_frames", SeedanceTaskState.Running)]
    [InlineData("", SeedanceTaskState.Running)]
    [InlineData("completed", SeedanceTaskState.Succeeded)]
    [InlineData("failed", SeedanceTaskState.Failed)]
    [InlineData("cancelled", SeedanceTaskState.Cancelled)]
    public void ReadTask_Status_Normalized(string status, SeedanceTaskState expected)
    {
        var task = Task("""{"data":{"id":"t","status":"STATUS"}}""".Replace("STATUS", status, StringComparison.Ordinal));

        Assert.Equal(expected, task.State);
        Assert.Equal(expected is SeedanceTaskState.Succeeded or SeedanceTaskState.Failed or SeedanceTaskState.Cancelled, task.IsTerminal);
    }

    [Fact]
    public void ReadTask_CostAsNumericStrings_Parsed()
    {
        var task = Task("""{"data":{"id":"t","status":"completed","cost":"0.25","credits_cost":"2.5","progress":"100"}}""");

        Assert.Equal(0.25m, task.Cost);
        Assert.Equal(2.5m, task.CreditsCost);
        Assert.Equal(100, task.Progress);
    }

    [Fact]
    public void ReadTask_FailedWithNumericCodeOnly_KeepsCode()
    {
        var task = Task("""{"data":{"id":"t","status":"failed","error":{"code":1301}}}""");

        Assert.Equal(SeedanceTaskState.Failed, task.State);
        Assert.Equal(new SeedanceTaskError("1301", null, null), task.Error);
    }

    [Fact]
    public void ReadTask_FailedWithStringCodeAndMessage_KeepsBoth()
    {
        var task = Task("""{"data":{"id":"t","status":"failed","error":{"code":"policy","message":"blocked","type":"content"}}}""");

        Assert.Equal(new SeedanceTaskError("policy", "blocked", "content"), task.Error);
    }

    [Fact]
    public void ReadTask_FailedWithEmptyError_NoError() =>
        Assert.Null(Task("""{"data":{"id":"t","status":"failed","error":{}}}""").Error);

    [Theory]
    [InlineData("""{"last_frame_url":"https://x.test/a.png"}""")]
    [InlineData("""{"last_frame_url":["https://x.test/a.png"]}""")]
    [InlineData("""{"last_frame_urls":["https://x.test/a.png","https://x.test/b.png"]}""")]
    [InlineData("""{"images":[{"url":"https://x.test/a.png"}]}""")]
    [InlineData("""{"images":[{"url":["https://x.test/a.png"]}]}""")]
    [InlineData("""{"LastFrame":"https://x.test/a.png"}""")]
    [InlineData("""{"video_last-frame":{"url":"https://x.test/a.png"}}""")]
    public void ReadTask_LastFrameVariants_Found(string result)
    {
        var task = Task("""{"data":{"id":"t","status":"completed","result":RESULT}}""".Replace("RESULT", result, StringComparison.Ordinal));

        Assert.Equal("https://x.test/a.png", task.LastFrameUrl);
    }

    [Fact]
    public void ReadTask_LastFrameOnData_Found() =>
        Assert.Equal("https://x.test/a.png", Task("""{"data":{"id":"t","status":"completed","last_frame_url":"https://x.test/a.png"}}""").LastFrameUrl);

    [Fact]
    public void ReadTask_NoLastFrame_Null() => Assert.Null(Task(ProviderBodies.Completed()).LastFrameUrl);

    [Fact]
    public void ReadTask_NoId_UsesRequestedId() => Assert.Equal("task_requested", Task("""{"data":{"status":"processing"}}""").Id);

    [Fact]
    public void ReadTask_ProgressOutOfRange_Clamped() => Assert.Equal(100, Task("""{"data":{"id":"t","progress":140}}""").Progress);
}
