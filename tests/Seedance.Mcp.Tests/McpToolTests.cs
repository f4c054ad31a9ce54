using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Seedance.Mcp.Tests;

public sealed class McpToolTests
{
    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    private static JsonElement Structured(CallToolResult result) => result.StructuredContent ?? throw new Xunit.Sdk.XunitException($"no structured content: {Text(result)}");

    [Fact]
    public async Task ToolsList_CarriesSchemasAnnotationsAndOutputSchemas()
    {
        await using var f = await McpServerFixture.StartAsync();

        var tools = await f.Client.ListToolsAsync();

        Assert.Equal(["generate_video", "check_task", "extend_video", "list_tasks", "get_balance", "generate_long_video", "stop_long_video", "list_models"], tools.Select(t => t.Name));
        var generate = tools[0].ProtocolTool;
        Assert.Equal("Generate a video (Seedance 2.0)", generate.Title);
        Assert.False(generate.Annotations!.ReadOnlyHint);
        Assert.False(generate.Annotations.IdempotentHint);
        Assert.True(generate.Annotations.OpenWorldHint);
        Assert.True(tools[1].ProtocolTool.Annotations!.ReadOnlyHint);
        Assert.True(tools[3].ProtocolTool.Annotations!.ReadOnlyHint);
        Assert.All(tools, t => Assert.Equal("object", t.ProtocolTool.OutputSchema!.Value.GetProperty("type").GetString()));
        var properties = generate.InputSchema.GetProperty("properties");
        Assert.Equal(["16:9", "9:16", "1:1", "4:3", "3:4", "21:9", "adaptive"], properties.GetProperty("size").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        // The widest over the models (30 s and 30 images on 2.5); each model is held to its own limits before sending.
        Assert.Equal(30, properties.GetProperty("duration").GetProperty("maximum").GetInt32());
        Assert.Equal(30, properties.GetProperty("image_urls").GetProperty("maxItems").GetInt32());
        Assert.Contains("PAID", generate.Description, StringComparison.Ordinal);
        Assert.Contains("check_task", f.Client.ServerInstructions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateCheckExtendList_WithProgressAndStructuredResults()
    {
        await using var f = await McpServerFixture.StartAsync();
        var progress = new List<ProgressNotificationValue>();
        var extendProgress = new List<ProgressNotificationValue>();

        var generated = await f.Client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "a cat surfing", ["size"] = "9:16", ["generate_audio"] = true });
        var id = Structured(generated).GetProperty("task_id").GetString()!;
        var checkedTask = await f.Client.CallToolAsync("check_task", new Dictionary<string, object?> { ["task_id"] = id, ["wait"] = 30 }, new SyncProgress(progress));
        var extended = await f.Client.CallToolAsync("extend_video", new Dictionary<string, object?> { ["task_id"] = id, ["prompt"] = "it jumps", ["wait"] = 30 },
            new SyncProgress(extendProgress));
        var listed = await f.Client.CallToolAsync("list_tasks", new Dictionary<string, object?> { ["limit"] = 5 });

        Assert.NotEqual(true, generated.IsError);
        Assert.Equal("queued", Structured(generated).GetProperty("status").GetString());
        Assert.Equal("succeeded", Structured(checkedTask).GetProperty("status").GetString());
        var video = Structured(checkedTask).GetProperty("local_video_path").GetString()!;
        Assert.StartsWith(f.Root, video, StringComparison.Ordinal);
        Assert.True(File.Exists(video));
        Assert.Contains(video, Text(checkedTask), StringComparison.Ordinal);
        Assert.Equal("succeeded", Structured(extended).GetProperty("status").GetString());
        Assert.Equal(id, Structured(extended).GetProperty("parent_task_id").GetString());
        Assert.Equal(2, Structured(listed).GetProperty("count").GetInt32());
        Assert.NotEmpty(progress);
        Assert.Contains(progress, p => p.Progress >= 100);
        Assert.All(progress, p => Assert.Equal(100, p.Total));
        Assert.All(progress, p => Assert.False(string.IsNullOrEmpty(p.Message)));
        Assert.Equal(progress.Select(p => p.Progress).Order(), progress.Select(p => p.Progress));
        Assert.NotEmpty(extendProgress);
        Assert.Equal(extendProgress.Select(p => p.Progress).Order(), extendProgress.Select(p => p.Progress));
    }

    [Fact]
    public async Task InvalidArguments_ErrorListsViolationsAndServerKeepsServing()
    {
        await using var f = await McpServerFixture.StartAsync();

        var bad = await f.Client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "x", ["size"] = "16x9", ["duration"] = "thirty", ["colour"] = "red" });
        var unknown = await Assert.ThrowsAsync<ModelContextProtocol.McpProtocolException>(() =>
            f.Client.CallToolAsync("make_movie", new Dictionary<string, object?>()).AsTask());
        var good = await f.Client.CallToolAsync("list_tasks", new Dictionary<string, object?>());

        Assert.True(bad.IsError);
        var text = Text(bad);
        Assert.Contains("size: unknown aspect ratio (given: 16x9", text, StringComparison.Ordinal);
        Assert.Contains("duration", text, StringComparison.Ordinal);
        Assert.Contains("colour: unknown argument", text, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", text, StringComparison.Ordinal);
        Assert.Contains("make_movie", unknown.Message, StringComparison.Ordinal);
        Assert.NotEqual(true, good.IsError);
        Assert.Equal(0, Structured(good).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Cancellation_StopsTheWaitAndTheTaskStaysListed()
    {
        await using var f = await McpServerFixture.StartAsync(settings: new() { ["Seedance:Sandbox:TaskDuration"] = "00:05:00" });
        var id = Structured(await f.Client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "slow" })).GetProperty("task_id").GetString();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));

        var started = DateTime.UtcNow;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            f.Client.CallToolAsync("check_task", new Dictionary<string, object?> { ["task_id"] = id, ["wait"] = 50 }, cancellationToken: cancel.Token).AsTask());
        var listed = await f.Client.CallToolAsync("list_tasks", new Dictionary<string, object?>());

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
        Assert.Equal(id, Structured(listed).GetProperty("tasks")[0].GetProperty("task_id").GetString());
    }

    [Fact]
    public async Task NoKeyNoSandbox_ListsToolsAndExplainsHowToSetTheKey()
    {
        await using var f = await McpServerFixture.StartAsync(sandbox: false, settings: new() { ["SEEDANCE_BASE_URL"] = "http://127.0.0.1:9" });

        var tools = await f.Client.ListToolsAsync();
        var generate = await f.Client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "a cat" });
        var list = await f.Client.CallToolAsync("list_tasks", new Dictionary<string, object?>());

        Assert.Equal(8, tools.Count);
        Assert.True(generate.IsError);
        Assert.Contains("SEEDANCE_API_KEY", Text(generate), StringComparison.Ordinal);
        Assert.Contains("--sandbox", Text(generate), StringComparison.Ordinal);
        Assert.NotEqual(true, list.IsError);
    }

    [Fact]
    public async Task Sdk_ToolsImportAsAIFunctions()
    {
        await using var f = await McpServerFixture.StartAsync();
        var tools = await f.Client.ListToolsAsync();

        var result = await tools.Single(t => t.Name == "list_tasks").InvokeAsync(new() { ["limit"] = 3 });

        Assert.Contains("count", result?.ToString(), StringComparison.Ordinal);
    }

    private sealed class SyncProgress(List<ProgressNotificationValue> into) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value)
        {
            lock (into)
            {
                into.Add(value);
            }
        }
    }
}
