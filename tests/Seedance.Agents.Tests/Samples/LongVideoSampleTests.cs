using System.Diagnostics;
using System.Text.RegularExpressions;
using Seedance.Testing;

namespace Seedance.Agents.Tests.Samples;

/// <summary>The LongVideo sample as a user runs it: no key, its own sandbox, three shots and one film.</summary>
public sealed class LongVideoSampleTests
{
    [SkippableFact]
    [Trait("Category", "Slow")]
    public async Task LongVideo_NoKey_MakesAThreeShotFilmOnTheSandbox()
    {
        RequiredPrograms.Ffmpeg();
        var root = Path.Combine(Path.GetTempPath(), "seedance-longvideo-sample", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "LongVideo.dll") },
        };
        start.Environment.Remove("SEEDANCE_API_KEY");
        start.Environment.Remove("APIMART_API_KEY");
        start.Environment["SEEDANCE_OUTPUT_DIR"] = root;
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(120_000), "the sample did not finish");

            Assert.True(process.ExitCode == 0, await output + await errors);
            var text = await output;
            Assert.Contains("using the local sandbox", text, StringComparison.Ordinal);
            Assert.Equal(3, Regex.Count(text, "^Shot [1-3]: /", RegexOptions.Multiline));
            var film = Regex.Match(text, "^Film: (.+)$", RegexOptions.Multiline).Groups[1].Value.Trim();
            Assert.True(File.Exists(film), text);
            Assert.Equal(15, await Ffprobe.SecondsAsync(film), 1);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }
}
