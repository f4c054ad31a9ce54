using System.Text.Json;
using Seedance.Agents.Films;
using Seedance.Agents.Tools;
using Seedance.Client.Models;

namespace Seedance.Agents.Tests;

/// <summary>extend_video uses the provider's own extension where the model has it and says which way it went; long videos plan longer shots on models with longer clips.</summary>
public sealed class ExtendAndPlanTests
{
    private static async Task<string> FinishedClipAsync(AgentFixture f, string model)
    {
        var started = await f.CallAsync(ToolNames.GenerateVideo, $$"""{"prompt": "a kite rises", "model": "{{model}}", "duration": 5}""");
        Assert.False(started.IsError, started.Text);
        f.Time.Advance(TimeSpan.FromMinutes(2));
        var done = await f.CallAsync(ToolNames.CheckTask, $$"""{"task_id": "{{started.Str("task_id")}}"}""");
        Assert.Equal("succeeded", done.Str("status"));
        return started.Str("task_id");
    }

    [Fact]
    public async Task ExtendVideo_On25_TheProviderExtendsTheClipItself()
    {
        await using var f = await AgentFixture.StartAsync();
        var first = await FinishedClipAsync(f, "seedance-2.5");

        var extended = await f.CallAsync(ToolNames.ExtendVideo, $$"""{"task_id": "{{first}}", "prompt": "the kite loops"}""");

        Assert.False(extended.IsError, extended.Text);
        using var body = JsonDocument.Parse(f.Sandbox.ReceivedSubmitBodies[^1]);
        Assert.Equal("extend", body.RootElement.GetProperty("omni_reference_task_type").GetString());
        Assert.Contains("/files/videos/", body.RootElement.GetProperty("video_urls")[0].GetString(), StringComparison.Ordinal);
        Assert.False(body.RootElement.TryGetProperty("image_with_roles", out _));
        Assert.Equal("seedance-2.5", body.RootElement.GetProperty("model").GetString());
        Assert.Contains("extended by the provider itself", extended.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtendVideo_On20_ContinuesFromTheLastFrameAndSaysSo()
    {
        await using var f = await AgentFixture.StartAsync();
        var first = await FinishedClipAsync(f, "doubao-seedance-2.0");

        var extended = await f.CallAsync(ToolNames.ExtendVideo, $$"""{"task_id": "{{first}}", "prompt": "the kite loops"}""");

        Assert.False(extended.IsError, extended.Text);
        using var body = JsonDocument.Parse(f.Sandbox.ReceivedSubmitBodies[^1]);
        Assert.False(body.RootElement.TryGetProperty("omni_reference_task_type", out _));
        Assert.Equal("first_frame", body.RootElement.GetProperty("image_with_roles")[0].GetProperty("role").GetString());
        Assert.Contains("continued from the previous clip's last frame", extended.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("doubao-seedance-2.0", 60, 6, 10)]
    [InlineData("seedance-2.5", 60, 3, 20)]
    [InlineData("seedance-2.5", 20, 2, 20)]
    public void ShotPlanning_LongerClips_FewerLongerShots(string model, int seconds, int shots, int target)
    {
        Assert.True(ModelCatalog.Default.TryGet(model, out var info));

        Assert.Equal((shots, target), (ShotPlanning.ShotCount(info, seconds), ShotPlanning.TargetSeconds(info)));
    }
}
