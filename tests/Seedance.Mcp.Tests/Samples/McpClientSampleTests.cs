using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Seedance.Mcp.Tests.Samples;

/// <summary>
/// The README's first command, as a newcomer with no key runs it: the McpClient sample launches the server over stdio
/// on its sandbox and goes through the whole flow (balance, price, confirmation, progress, files on disk, extension).
/// </summary>
public sealed partial class McpClientSampleTests
{
    [Fact]
    public async Task McpClient_NoKey_RunsTheWholeFlowOnTheSandboxAndShowsThePriceBeforePaying()
    {
        var root = Path.Combine(Path.GetTempPath(), "seedance-mcpclient-test", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory.CreateDirectory(root).FullName,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "McpClient.dll") },
        };
        start.Environment.Remove("SEEDANCE_API_KEY");
        start.Environment.Remove("APIMART_API_KEY");
        start.Environment.Remove("SEEDANCE_CONFIRM_ABOVE_USD");
        start.Environment.Remove("SEEDANCE_DAILY_BUDGET_USD");
        // The sample's server inherits this: sandbox clips that take 2 s instead of 6 (the flow is the same).
        start.Environment["Seedance__Sandbox__TaskDuration"] = "00:00:02";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the sample did not finish in 2 minutes: " + await output);
        }

        var text = await output;
        Assert.True(process.ExitCode == 0, text + await errors);
        Assert.Contains("no key, no network, no cost", text, StringComparison.Ordinal);
        Assert.Contains("ui://seedance/player.html", text, StringComparison.Ordinal);
        Assert.Contains("Balance: $100.00 left", text, StringComparison.Ordinal);

        // The price comes before anything is paid: the dry run, then the server's own question, then the submit.
        var dryRun = text.IndexOf("nothing sent; estimated $0.98", StringComparison.Ordinal);
        var asked = text.IndexOf("[server asks] Start a paid video with doubao-seedance-2.0: 5 s at 720p", StringComparison.Ordinal);
        var submitted = text.IndexOf("Submitted task", StringComparison.Ordinal);
        Assert.True(dryRun >= 0 && asked > dryRun && submitted > asked, text);
        Assert.Contains("\"return_last_frame\":true", text, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(text, Regex.Escape("[server asks]")));

        // Progress streamed, and both clips ended charged, on disk, as real MP4 files.
        Assert.Matches(@"\d+%\s+task_\w+: processing", text);
        Assert.Equal(2, Regex.Count(text, Regex.Escape("succeeded (charged $0.98, estimated $0.98)")));
        var files = SavedClip().Matches(text).Select(m => m.Groups["path"].Value).Distinct().ToArray();
        Assert.Equal(2, files.Length);
        Assert.All(files, file =>
        {
            Assert.StartsWith(Path.Combine(root, "output", "videos"), file, StringComparison.Ordinal);
            var head = File.ReadAllBytes(file).AsSpan(4, 4).ToArray();
            Assert.Equal("ftyp"u8.ToArray(), head);
        });
        Assert.True(File.Exists(Path.Combine(root, "output", "journal.db")));
        Directory.Delete(root, recursive: true);
    }

    [GeneratedRegex(@"(First clip|Extension): (?<path>\S+\.mp4)")]
    private static partial Regex SavedClip();
}
