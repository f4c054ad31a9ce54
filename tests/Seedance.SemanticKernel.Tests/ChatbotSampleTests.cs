using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
        var requests = new List<JsonNode>();
        var (fake, baseUrl) = await StartFakeModelAsync(requests);
        await using var _ = fake;
        var root = Path.Combine(Path.GetTempPath(), "seedance-chatbot-test", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Chatbot.dll"), "--once", "a 10-second vertical clip of a cat surfing, with sound" },
        };
        start.Environment["CHATBOT_ENDPOINT"] = baseUrl + "/v1";
        start.Environment["CHATBOT_API_KEY"] = "test-key";
        start.Environment["CHATBOT_MODEL"] = "scripted";
        start.Environment.Remove("SEEDANCE_API_KEY");
        start.Environment.Remove("APIMART_API_KEY");
        start.Environment["SEEDANCE_JOURNAL"] = Path.Combine(root, "journal.db");
        start.Environment["SEEDANCE_OUTPUT_DIR"] = Path.Combine(root, "videos");

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "the chatbot did not finish");

        Assert.True(process.ExitCode == 0, await errors);
        var text = await output;
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

    /// <summary>A scripted model behind the OpenAI chat-completions wire format: one tool call, then an answer quoting the result.</summary>
    private static async Task<(WebApplication App, string BaseUrl)> StartFakeModelAsync(List<JsonNode> requests)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            var body = (await JsonNode.ParseAsync(context.Request.Body))!;
            lock (requests)
            {
                requests.Add(body);
            }

            var messages = body["messages"]!.AsArray();
            var last = messages[^1]!;
            JsonObject message;
            string finish;
            if (last["role"]!.GetValue<string>() == "tool")
            {
                var result = JsonNode.Parse(last["content"]!.GetValue<string>())!;
                message = new JsonObject { ["role"] = "assistant", ["content"] = $"Started task {result["task_id"]}. It renders in a minute or two." };
                finish = "stop";
            }
            else
            {
                var name = body["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()).Single(n => n.EndsWith("generate_video", StringComparison.Ordinal));
                var arguments = new JsonObject { ["prompt"] = "a cat surfing", ["duration"] = 10, ["size"] = "9:16", ["generate_audio"] = true };
                message = new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = null,
                    ["tool_calls"] = new JsonArray(new JsonObject
                    {
                        ["id"] = "call_1",
                        ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments.ToJsonString() },
                    }),
                };
                finish = "tool_calls";
            }

            var response = new JsonObject
            {
                ["id"] = "chatcmpl-test",
                ["object"] = "chat.completion",
                ["created"] = 1765000000,
                ["model"] = "scripted",
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finish }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["completion_tokens"] = 1, ["total_tokens"] = 2 },
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.ToJsonString());
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, address);
    }
}
