using System.Diagnostics;
using System.Text.Json.Nodes;
using Seedance.Testing;

namespace Seedance.SemanticKernel.Tests;

/// <summary>
/// The Chatbot sample end to end with Semantic Kernel's OpenAI connector, against a scripted OpenAI-compatible
/// endpoint on loopback (no real model) and the sample's own sandbox (no real video API).
/// </summary>
public sealed class ChatbotSampleTests
{
    [Fact]
    public async Task Chatbot_OneRequest_ToolCallGoesThroughAndTheAnswerHasTheTaskId()
    {
        await using var model = await ScriptedChatModel.StartAsync(
            tools => (tools.Select(t => t!["function"]!["name"]!.GetValue<string>()).Single(n => n.EndsWith("generate_video", StringComparison.Ordinal)),
                new JsonObject { ["prompt"] = "a cat surfing", ["duration"] = 10, ["size"] = "9:16", ["generate_audio"] = true }),
            result => $"Started task {JsonNode.Parse(result)!["task_id"]}. It renders in a minute or two.");
        var root = Path.Combine(Path.GetTempPath(), "seedance-chatbot-test", Guid.NewGuid().ToString("N"));
        var start = model.SampleRun("Chatbot.dll", "CHATBOT", "a 10-second vertical clip of a cat surfing, with sound", root);

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "the chatbot did not finish");

        Assert.True(process.ExitCode == 0, await errors);
        var text = await output;
        var requests = model.Requests;
        Assert.Matches("Started task task_01[0-9A-Z]{24}", text);
        Assert.Equal(2, requests.Count);
        var tool = requests[0]["tools"]!.AsArray().Single(t => t!["function"]!["name"]!.GetValue<string>().EndsWith("generate_video", StringComparison.Ordinal))!;
        var size = tool["function"]!["parameters"]!["properties"]!["size"]!;
        Assert.Contains("9:16", size["enum"]!.AsArray().Select(e => e!.GetValue<string>()));
        var toolMessage = requests[1]["messages"]!.AsArray().Last()!;
        Assert.Equal("tool", toolMessage["role"]!.GetValue<string>());
        Assert.Contains("\"status\":\"queued\"", toolMessage["content"]!.ToString(), StringComparison.Ordinal);
        Directory.Delete(root, recursive: true);
    }
}
