using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Seedance.Sandbox;

namespace Seedance.Mcp.Tests;

/// <summary>
/// JSON can escape half a character (<c>"\ud800"</c>), which no text can hold. Through the built stdio server such an
/// argument is a tool error naming the parameter and the position, never "An error occurred" or a protocol error, and
/// nothing reaches the provider.
/// </summary>
/// <remarks>Every row goes to one server process: none of them may send anything, so the sandbox's counters stay at zero throughout.</remarks>
public sealed class UnpairedSurrogateTests(UnpairedSurrogateTests.Server shared) : IClassFixture<UnpairedSurrogateTests.Server>
{
    [Theory]
    [InlineData("generate_video", "prompt", """{"prompt":"a cat \ud800 on a mat","duration":5}""", 6)]
    [InlineData("check_task", "task_id", """{"task_id":"task_\udc00x"}""", 5)]
    [InlineData("generate_video", "prompt", """{"prompt":"\ud800"}""", 0)]
    [InlineData("generate_video", "image_urls[1]", """{"prompt":"a cat","image_urls":["https://a.example/1.png","https://a.example/\ud83d.png"]}""", 18)]
    public async Task LoneSurrogate_IsAToolErrorNamingTheParameterAndPosition_NothingSent(string tool, string parameter, string arguments, int position)
    {
        var server = shared.Process;
        var response = await server.RequestRawAsync("tools/call", $$"""{"name":"{{tool}}","arguments":{{arguments}}}""");

        Assert.True(response["error"] is null, response.ToJsonString() + server.Stderr);
        var result = response["result"]!;
        Assert.True(result["isError"]!.GetValue<bool>(), response.ToJsonString());
        var text = result["content"]![0]!["text"]!.GetValue<string>();
        Assert.Contains($"{parameter}: contains an unpaired surrogate", text, StringComparison.Ordinal);
        Assert.Contains($"at position {position}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("An error occurred", text, StringComparison.Ordinal);
        Assert.Equal("invalid_arguments", result["structuredContent"]!["kind"]!.GetValue<string>());
        Assert.Equal(0, shared.Sandbox.Counters.SubmitsReceived);
        Assert.Equal(0, shared.Sandbox.Counters.Uploads);
    }

    /// <summary>The sandbox and the built server the rows share.</summary>
    public sealed class Server : IAsyncLifetime
    {
        private const string Secret = "sk-surrogate-test-key";
        private readonly string _root = Path.Combine(Path.GetTempPath(), "seedance-surrogate", Guid.NewGuid().ToString("N"));

        public SeedanceSandbox Sandbox { get; private set; } = null!;

        public StdioServerProcess Process { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Sandbox = await SeedanceSandbox.StartAsync(new SandboxOptions { ApiKey = Secret, TaskDuration = TimeSpan.FromSeconds(2) });
            Process = await StdioServerProcess.StartAsync(new Dictionary<string, string?>
            {
                ["SEEDANCE_API_KEY"] = Secret,
                ["SEEDANCE_BASE_URL"] = Sandbox.BaseUrl.AbsoluteUri,
                ["SEEDANCE_JOURNAL"] = Path.Combine(_root, "journal.db"),
                ["SEEDANCE_OUTPUT_DIR"] = Path.Combine(_root, "videos"),
                ["SEEDANCE_CONFIRM_ABOVE_USD"] = "off",
            });
        }

        public async Task DisposeAsync()
        {
            await Process.DisposeAsync();
            await Sandbox.DisposeAsync();
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
    }
}
