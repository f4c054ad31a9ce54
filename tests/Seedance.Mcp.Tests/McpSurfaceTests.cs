using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Seedance.Mcp.Tests;

/// <summary>The MCP surface beyond tools, through the SDK's own client: the in-chat player, tasks as resources, links, the prompt, completion, icons.</summary>
public sealed class McpSurfaceTests
{
    private const string Player = "ui://seedance/player.html";

    [Fact]
    public async Task Tools_PointAtThePlayerAndCarryIcons()
    {
        await using var f = await McpServerFixture.StartAsync();

        var tools = (await f.Client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool);

        foreach (var name in new[] { "generate_video", "check_task", "extend_video" })
        {
            var meta = tools[name].Meta!;
            Assert.Equal(Player, meta["ui"]!["resourceUri"]!.GetValue<string>());
            Assert.Equal(Player, meta["ui/resourceUri"]!.GetValue<string>());
            Assert.Null(meta["ui"]!["visibility"]);
        }

        Assert.Null(tools["list_tasks"].Meta?["ui"]);
        Assert.All(tools.Values, t => Assert.StartsWith("data:image/svg+xml;base64,", Assert.Single(t.Icons!).Source, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlayerResource_IsASelfContainedAppsViewAllowingTheVideoOrigin()
    {
        await using var f = await McpServerFixture.StartAsync();

        var listed = await f.Client.ListResourcesAsync();
        var read = await f.Client.ReadResourceAsync(Player);

        var entry = Assert.Single(listed, r => r.Uri == Player);
        Assert.Equal("text/html;profile=mcp-app", entry.MimeType);
        var content = Assert.IsType<TextResourceContents>(Assert.Single(read.Contents));
        Assert.Equal("text/html;profile=mcp-app", content.MimeType);
        Assert.StartsWith("<!DOCTYPE html>", content.Text.TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ui/initialize", content.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", content.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link rel=\"stylesheet\"", content.Text, StringComparison.OrdinalIgnoreCase);
        var domains = content.Meta!["ui"]!["csp"]!["resourceDomains"]!.AsArray().Select(d => d!.GetValue<string>()).ToArray();
        Assert.Contains(domains, d => d.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FinishedTask_ResourceLinksTaskResourceAndCompletion()
    {
        await using var f = await McpServerFixture.StartAsync();
        var generated = await f.Client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "a lighthouse at dusk" });
        var id = generated.StructuredContent!.Value.GetProperty("task_id").GetString()!;

        var done = await f.Client.CallToolAsync("check_task", new Dictionary<string, object?> { ["task_id"] = id, ["wait"] = 30 });
        var links = done.Content.OfType<ResourceLinkBlock>().ToArray();
        var templates = await f.Client.ListResourceTemplatesAsync();
        var report = await f.Client.ReadResourceAsync($"seedance://tasks/{id}");
        var listed = await f.Client.ListResourcesAsync();
        var completed = await f.Client.CompleteAsync(new ResourceTemplateReference { Uri = "seedance://tasks/{task_id}" }, "task_id", id[..8]);

        Assert.Equal("succeeded", done.StructuredContent!.Value.GetProperty("status").GetString());
        var file = Assert.Single(links, l => l.Uri.StartsWith("file://", StringComparison.Ordinal));
        Assert.Equal("video/mp4", file.MimeType);
        Assert.True(File.Exists(new Uri(file.Uri).LocalPath));
        Assert.Single(links, l => l.Uri.StartsWith("http://127.0.0.1:", StringComparison.Ordinal) && l.MimeType == "video/mp4");
        Assert.Contains(templates, t => t.UriTemplate == "seedance://tasks/{task_id}");
        var json = JsonDocument.Parse(Assert.IsType<TextResourceContents>(Assert.Single(report.Contents)).Text).RootElement;
        Assert.Equal(id, json.GetProperty("task_id").GetString());
        Assert.Equal("succeeded", json.GetProperty("status").GetString());
        Assert.Contains(listed, r => r.Uri == $"seedance://tasks/{id}");
        Assert.Contains(id, completed.Completion.Values);
    }

    [Fact]
    public async Task PlanningPrompt_AndCompletionOfModelsAndSizes()
    {
        await using var f = await McpServerFixture.StartAsync();

        var prompts = await f.Client.ListPromptsAsync();
        var plan = await f.Client.GetPromptAsync("plan_video", new Dictionary<string, object?> { ["idea"] = "a paper boat's journey", ["seconds"] = "40" });
        var models = await f.Client.CompleteAsync(new PromptReference { Name = "plan_video" }, "model", "doubao-seedance-2.0-f");
        var sizes = await f.Client.CompleteAsync(new PromptReference { Name = "plan_video" }, "size", "9");

        Assert.Contains(prompts, p => p.Name == "plan_video");
        var text = Assert.IsType<TextContentBlock>(Assert.Single(plan.Messages).Content).Text;
        Assert.Contains("a paper boat's journey", text, StringComparison.Ordinal);
        Assert.Contains("4 shots", text, StringComparison.Ordinal);
        Assert.Contains("dry_run", text, StringComparison.Ordinal);
        Assert.Equal(["doubao-seedance-2.0-fast"], models.Completion.Values);
        Assert.Equal(["9:16"], sizes.Completion.Values);
    }

    [Fact]
    public async Task PlanVideo_ModelWithLongerClips_FewerLongerShots()
    {
        await using var f = await McpServerFixture.StartAsync();

        var on20 = await f.Client.GetPromptAsync("plan_video", new Dictionary<string, object?> { ["idea"] = "a tide", ["seconds"] = "60" });
        var on25 = await f.Client.GetPromptAsync("plan_video", new Dictionary<string, object?> { ["idea"] = "a tide", ["seconds"] = "60", ["model"] = "seedance-2.5" });

        var text20 = Assert.IsType<TextContentBlock>(Assert.Single(on20.Messages).Content).Text;
        var text25 = Assert.IsType<TextContentBlock>(Assert.Single(on25.Messages).Content).Text;
        Assert.Contains("6 shots of about 10 seconds", text20, StringComparison.Ordinal);
        Assert.Contains("3 shots of about 20 seconds", text25, StringComparison.Ordinal);
        Assert.Contains("4 to 30 seconds on seedance-2.5", text25, StringComparison.Ordinal);
    }
}
