namespace Seedance.Agents.Films;

/// <summary>Finds ffmpeg and ffprobe: the configured ffmpeg (<c>SEEDANCE_FFMPEG</c>, a file or its folder) or the first on <c>PATH</c>.</summary>
internal static class FfmpegLocator
{
    /// <summary>The ffmpeg to run, or null with the reason it is missing.</summary>
    public static (string? Path, string? Problem) FindFfmpeg(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var named = Directory.Exists(configured) ? System.IO.Path.Combine(configured, Executable("ffmpeg")) : configured;
            return File.Exists(named)
                ? (System.IO.Path.GetFullPath(named), null)
                : (null, $"{SeedanceAgentEnvironment.FfmpegVariable} names {configured}, where there is no ffmpeg");
        }

        return OnPath("ffmpeg") is { } found ? (found, null) : (null, "ffmpeg is not installed (it is not on PATH)");
    }

    /// <summary>The ffprobe beside <paramref name="ffmpeg"/>, else the first on <c>PATH</c>; null when there is none.</summary>
    public static string? FindFfprobe(string ffmpeg)
    {
        var beside = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(ffmpeg) ?? string.Empty, Executable("ffprobe"));
        return File.Exists(beside) ? beside : OnPath("ffprobe");
    }

    private static string Executable(string name) => OperatingSystem.IsWindows() ? name + ".exe" : name;

    private static string? OnPath(string name) => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(folder => System.IO.Path.Combine(folder, Executable(name)))
        .FirstOrDefault(File.Exists);
}
