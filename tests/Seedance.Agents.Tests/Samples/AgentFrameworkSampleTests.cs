using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Seedance.Agents.Journal;

namespace Seedance.Agents.Tests.Samples;

/// <summary>
/// The AgentFramework sample end to end: Microsoft Agent Framework over the OpenAI connector, against a scripted
/// OpenAI-compatible endpoint on loopback (no real model) and the sample's own sandbox (no real video API), with the
/// approval step answered on stdin.
/// </summary>
public sealed class AgentFrameworkSampleTests
{
    [Theory]
    [InlineData("y", true)]
    [InlineData("n", false)]
    public async Task AgentFramework_PaidCall_StopsForApprovalWithThePriceAndRunsOnlyWhenApproved(string answer, bool approved)
    {
        var requests = new List<JsonNode>();
        var (fake, baseUrl) = await StartFakeModelAsync(requests);
        await using var _ = fake;
        var root = Path.Combine(Path.GetTempPath(), "seedance-agentframework-test", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "AgentFramework.dll"), "--once", "a 10-second clip of a cat surfing" },
        };
        start.Environment["AGENT_ENDPOINT"] = baseUrl + "/v1";
        start.Environment["AGENT_API_KEY"] = "test-key";
        start.Environment["AGENT_MODEL"] = "scripted";
        start.Environment.Remove("SEEDANCE_API_KEY");
        start.Environment.Remove("APIMART_API_KEY");
        start.Environment["SEEDANCE_JOURNAL"] = Path.Combine(root, "journal.db");
        start.Environment["SEEDANCE_OUTPUT_DIR"] = Path.Combine(root, "videos");

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteLineAsync(answer);
        process.StandardInput.Close();
        Assert.True(process.WaitForExit(90_000), "the agent did not finish");

        Assert.True(process.ExitCode == 0, await errors);
        var text = await output;
        Assert.Contains("The agent wants to run generate_video: doubao-seedance-2.0, 10 s at 720p, estimated $1.95", text, StringComparison.Ordinal);
        var tasks = await new TaskJournal(Path.Combine(root, "journal.db")).ListAsync(10);
        if (approved)
        {
            Assert.Matches("Started task task_01[0-9A-Z]{24}", text);
            Assert.Equal(1.95m, Assert.Single(tasks).EstimatedCost);
        }
        else
        {
            Assert.Contains("The video was not started", text, StringComparison.Ordinal);
            Assert.Empty(tasks);
        }

        // The model saw the tools, and got back a tool result either way (the result itself, or the refusal).
        Assert.Equal(2, requests.Count);
        Assert.Contains(requests[0]["tools"]!.AsArray(), t => t!["function"]!["name"]!.GetValue<string>() == "get_balance");
        Assert.Equal("tool", requests[1]["messages"]!.AsArray().Last()!["role"]!.GetValue<string>());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    /// <summary>A scripted model behind the OpenAI chat-completions wire format: one generate_video call, then an answer from its result.</summary>
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

            var last = body["messages"]!.AsArray()[^1]!;
            JsonObject message;
            string finish;
            if (last["role"]!.GetValue<string>() == "tool")
            {
                var content = last["content"]!.ToString();
                var taskId = content.TrimStart().StartsWith('{') ? JsonNode.Parse(content)?["task_id"]?.GetValue<string>() : null;
                message = new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = taskId is null ? "The video was not started." : $"Started task {taskId}. It renders in a minute or two.",
                };
                finish = "stop";
            }
            else
            {
                message = new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = null,
                    ["tool_calls"] = new JsonArray(new JsonObject
                    {
                        ["id"] = "call_1",
                        ["type"] = "function",
                        ["function"] = new JsonObject
                        {
                            ["name"] = "generate_video",
                            ["arguments"] = new JsonObject { ["prompt"] = "a cat surfing", ["duration"] = 10 }.ToJsonString(),
                        },
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
