using System.Diagnostics;
using System.Globalization;

namespace Seedance.Testing;

/// <summary>Reads media facts with ffprobe (linked into the test projects that check films; CI installs ffmpeg).</summary>
internal static class Ffprobe
{
    /// <summary>The length of <paramref name="file"/> in seconds, as its container says.</summary>
    public static async Task<double> SecondsAsync(string file)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-v", "error", "-show_entries", "format=duration", "-of", "default=nw=1:nk=1", file })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return double.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }
}
