using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Seedance.Sandbox.Tasks;

namespace Seedance.Sandbox.Media;

/// <summary>
/// The result files of each sandbox task: when ffmpeg is on <c>PATH</c> (or named by <c>SEEDANCE_FFMPEG</c>), a clip
/// rendered for that task (H.264 video with an AAC track, in the requested aspect ratio at a small frame size, exactly
/// as long as the request's duration: a square crossing a background whose colour follows from the task id, under a
/// caption with the prompt's first words, so each clip is recognisably its request's and ends on a last frame of its own)
/// and that clip's real last frame as PNG. Without ffmpeg every task gets the shipped two-second sample clip and frame.
/// Rendered once per task and kept in memory (they are some tens of kilobytes).
/// </summary>
internal sealed class SandboxClips
{
    private readonly ConcurrentDictionary<string, Lazy<Task<(byte[] Video, byte[] Frame)>>> _clips = new(StringComparer.Ordinal);
    private readonly Lazy<string?> _ffmpeg;

    /// <summary>Clips rendered per task when <paramref name="render"/> and ffmpeg is found; the shipped sample otherwise.</summary>
    public SandboxClips(bool render)
    {
        _ffmpeg = new Lazy<string?>(() => render ? FindFfmpeg() : null);
    }

    /// <summary>The MP4 of <paramref name="task"/>.</summary>
    public async Task<byte[]> VideoAsync(SandboxTask task) => (await ClipAsync(task)).Video;

    /// <summary>The last frame of <paramref name="task"/>'s MP4, as PNG.</summary>
    public async Task<byte[]> FrameAsync(SandboxTask task) => (await ClipAsync(task)).Frame;

    private Task<(byte[] Video, byte[] Frame)> ClipAsync(SandboxTask task) =>
        _clips.GetOrAdd(task.Id, _ => new Lazy<Task<(byte[], byte[])>>(() => RenderAsync(task))).Value;

    private async Task<(byte[] Video, byte[] Frame)> RenderAsync(SandboxTask task)
    {
        if (_ffmpeg.Value is not { } ffmpeg)
        {
            return (SandboxMedia.Mp4, SandboxMedia.LastFramePng);
        }

        var folder = Path.Combine(Path.GetTempPath(), "seedance-sandbox-clips", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var video = Path.Combine(folder, "clip.mp4");
            var frame = Path.Combine(folder, "last.png");
            var caption = Path.Combine(folder, "caption.txt");
            await File.WriteAllTextAsync(caption, Caption(task.Request.Prompt));
            var (width, height) = FrameSize(task.Request.Size);
            var seconds = Math.Clamp(task.Request.Duration == -1 ? Models.SandboxModels.ChosenSeconds : task.Request.Duration, 1, 60).ToString(CultureInfo.InvariantCulture);
            var hash = (uint)StableHash(task.Id);
            var colour = $"0x{(hash & 0x7f7f7f) + 0x202020:x6}";
            var side = Math.Max(16, height / 5);
            var y = height / 3 + (int)((hash >> 24) % (uint)Math.Max(1, height / 3));
            var audio = task.Request.GenerateAudio ? $"sine=frequency={220 + (hash % 440)}:sample_rate=44100" : "anullsrc=r=44100:cl=stereo";
            // overlay's x follows the frame's time (t); drawbox has no time variable (its t is the box's thickness).
            var moving = $"[0:v][2:v]overlay=x='(W-w)*t/{seconds}':y={y}:shortest=1";
            // The caption is read from a file, so no character of the prompt needs escaping in the filter graph. It sits at the
            // top, where a player's controls do not cover it.
            var captioned = $",drawtext=textfile='{FilterPath(caption)}':fontcolor=white:fontsize={Math.Max(10, height / 12)}:x=(w-tw)/2:y={height / 12}"
                + ":box=1:boxcolor=black@0.55:boxborderw=6";
            var rendered = await RenderAsync(ffmpeg, colour, width, height, seconds, side, audio, moving + captioned, video)
                || await RenderAsync(ffmpeg, colour, width, height, seconds, side, audio, moving, video); // no fonts: the motion alone
            rendered = rendered
                && await RunAsync(ffmpeg, ["-v", "error", "-y", "-sseof", "-0.5", "-i", video, "-update", "1", "-frames:v", "100", frame]);
            return rendered && File.Exists(video) && File.Exists(frame)
                ? (await File.ReadAllBytesAsync(video), await File.ReadAllBytesAsync(frame))
                : (SandboxMedia.Mp4, SandboxMedia.LastFramePng);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static Task<bool> RenderAsync(string ffmpeg, string colour, int width, int height, string seconds, int side, string audio, string filter,
        string video) =>
        RunAsync(ffmpeg,
            ["-v", "error", "-y", "-f", "lavfi", "-i", $"color=c={colour}:s={width}x{height}:r=12:d={seconds}", "-f", "lavfi", "-i", audio,
             "-f", "lavfi", "-i", $"color=c=white:s={side}x{side}:r=12",
             "-filter_complex", filter + ",format=yuv420p[v]",
             "-map", "[v]", "-map", "1:a", "-t", seconds, "-c:v", "libx264", "-preset", "ultrafast", "-g", "24", "-c:a", "aac", "-b:a", "64k",
             "-ac", "2", "-movflags", "+faststart", video]);

    /// <summary>The caption of a clip: the prompt's first words (at most six, about 40 characters), or what the clip is without one.</summary>
    internal static string Caption(string? prompt)
    {
        var words = (prompt ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var caption = string.Empty;
        foreach (var word in words.Take(6))
        {
            var next = caption.Length == 0 ? word : caption + " " + word;
            if (next.Length > 40)
            {
                break;
            }

            caption = next;
        }

        return caption.Length > 0 ? caption : words.Length > 0 ? words[0][..Math.Min(40, words[0].Length)] : "Seedance sandbox";
    }

    // A path inside a filter graph's quoted option: backslashes and quotes escaped, and the drive colon on Windows.
    private static string FilterPath(string path) => path.Replace("\\", "/", StringComparison.Ordinal).Replace(":", "\\:", StringComparison.Ordinal)
        .Replace("'", "'\\''", StringComparison.Ordinal);

    // Small frames keep rendering cheap; the aspect ratio is the one asked for (adaptive: the 16:9 default).
    private static (int Width, int Height) FrameSize(string? size) => size switch
    {
        "9:16" => (270, 480),
        "1:1" => (360, 360),
        "4:3" => (480, 360),
        "3:4" => (360, 480),
        "21:9" => (560, 240),
        _ => (480, 270),
    };

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }

    private static async Task<bool> RunAsync(string ffmpeg, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(ffmpeg) { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return false;
            }

            process.StandardInput.Close();
            var errors = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(limit.Token);
            await errors;
            return process.ExitCode == 0;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or OperationCanceledException or IOException)
        {
            return false;
        }
    }

    private static string? FindFfmpeg()
    {
        if (Environment.GetEnvironmentVariable("SEEDANCE_FFMPEG") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        var name = OperatingSystem.IsWindows() ? "ffmpeg.exe" : "ffmpeg";
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }
}
