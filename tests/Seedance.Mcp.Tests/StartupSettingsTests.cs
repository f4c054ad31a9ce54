using System.Diagnostics;

namespace Seedance.Mcp.Tests;

/// <summary>The built server started with unusable settings: every problem named on stderr, exit code 2, no stack trace, nothing on stdout.</summary>
public sealed class StartupSettingsTests
{
    [Theory]
    [InlineData("Seedance__Polling__MinInterval", "abc", "Seedance:Polling:MinInterval must be a TimeSpan; given: abc.")]
    [InlineData("SEEDANCE_BASE_URL", "ftp://example.test", "Seedance:BaseUrl must be an absolute http(s) URL; given: ftp://example.test")]
    [InlineData("Seedance__Agents__ProgressHeartbeat", "soon", "Seedance:Agents:ProgressHeartbeat must be a TimeSpan; given: soon.")]
    [InlineData("Seedance__Agents__MaxDownloadBytes", "10", "Seedance:Agents:MaxDownloadBytes must be at least 1024")]
    [InlineData("SEEDANCE_MEDIA_ORIGINS", "https://x.example; script-src *", "SEEDANCE_MEDIA_ORIGINS must list origins")]
    [InlineData("SEEDANCE_MEDIA_ORIGINS", "https://cdn.example.com/videos/", "SEEDANCE_MEDIA_ORIGINS must list origins")]
    [InlineData("Seedance__AdditionalModels__0__Name", "x", "Seedance:AdditionalModels:0 needs a Name and at least one resolution")]
    [InlineData("SEEDANCE_DOWNLOAD", "maybe", "Seedance:Agents:DownloadResults must be a Boolean; given: maybe.")]
    [InlineData("SEEDANCE_FFMPEG", "/etc/passwd", "SEEDANCE_FFMPEG (Seedance:Agents:FfmpegPath) must name the ffmpeg program or the folder holding it; given: /etc/passwd, which is not an executable program.")]
    [InlineData("SEEDANCE_FFMPEG", "/nonexistent/ffmpeg", "given: /nonexistent/ffmpeg, where there is no file.")]
    [InlineData("SEEDANCE_MCP_ALLOWED_ORIGINS", "localhost:3000", "SEEDANCE_MCP_ALLOWED_ORIGINS must list origins")]
    public async Task BadSetting_NamedOnStderr_ExitCode2(string variable, string value, string expected)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "seedance-mcp.dll"));
        start.Environment[variable] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains(expected, await stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", await stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await stdout);
    }
}
