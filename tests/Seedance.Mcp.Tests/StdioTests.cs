using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Seedance.Mcp.Tests;

/// <summary>The built server as a real child process over stdio, the way Claude Desktop and VS Code launch it.</summary>
public sealed class StdioTests
{
    [Fact]
    public async Task Stdio_ListsToolsAndRunsAToolWithOnlyProtocolOnStdout()
    {
        var root = Path.Combine(Path.GetTempPath(), "seedance-mcp-stdio", Guid.NewGuid().ToString("N"));
        var server = Path.Combine(AppContext.BaseDirectory, "seedance-mcp.dll");
        var stderr = new List<string>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "seedance",
            Command = "dotnet",
            Arguments = [server, "--sandbox"],
            EnvironmentVariables = new Dictionary<string, string?>
            {
                ["SEEDANCE_JOURNAL"] = Path.Combine(root, "journal.db"),
                ["SEEDANCE_OUTPUT_DIR"] = Path.Combine(root, "videos"),
                ["Seedance__Sandbox__TaskDuration"] = "00:00:01",
                ["SEEDANCE_CONFIRM_ABOVE_USD"] = "off",
            },
            StandardErrorLines = line =>
            {
                lock (stderr)
                {
                    stderr.Add(line);
                }
            },
        });

        await using (var client = await McpClient.CreateAsync(transport))
        {
            var tools = await client.ListToolsAsync();
            var generated = await client.CallToolAsync("generate_video", new Dictionary<string, object?> { ["prompt"] = "a cat", ["wait"] = 20 });

            Assert.Equal(8, tools.Count);
            Assert.NotEqual(true, generated.IsError);
            Assert.Equal("succeeded", generated.StructuredContent!.Value.GetProperty("status").GetString());
        }

        lock (stderr)
        {
            Assert.Contains(stderr, line => line.Contains("sandbox mode", StringComparison.Ordinal));
        }

        Directory.Delete(root, recursive: true);
    }
}
