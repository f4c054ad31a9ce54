using System.Diagnostics;
using System.Text.Json.Nodes;
using Seedance.Agents.Journal;
using Seedance.Testing;

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
        await using var model = await ScriptedChatModel.StartAsync(
            _ => ("generate_video", new JsonObject { ["prompt"] = "a cat surfing", ["duration"] = 10 }),
            result => (result.TrimStart().StartsWith('{') ? JsonNode.Parse(result)?["task_id"]?.GetValue<string>() : null) is { } taskId
                ? $"Started task {taskId}. It renders in a minute or two."
                : "The video was not started.");
        var root = Path.Combine(Path.GetTempPath(), "seedance-agentframework-test", Guid.NewGuid().ToString("N"));
        var start = model.SampleRun("AgentFramework.dll", "AGENT", "a 10-second clip of a cat surfing", root);
        start.RedirectStandardInput = true;

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
        var requests = model.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Contains(requests[0]["tools"]!.AsArray(), t => t!["function"]!["name"]!.GetValue<string>() == "get_balance");
        Assert.Equal("tool", requests[1]["messages"]!.AsArray().Last()!["role"]!.GetValue<string>());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }
}
