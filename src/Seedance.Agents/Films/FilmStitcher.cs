using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Seedance.Agents.Films;

/// <summary>
/// Joins a sequence's saved clips, in order, into one MP4 in the output folder: ffmpeg's concat demuxer with stream copy
/// when ffprobe finds that the clips match (codec, frame size, pixel format, frame rate, audio), otherwise one re-encode
/// that scales, pads and joins them (adding silence to clips without sound). The film is written under a temporary name
/// and renamed into place, so a film path always names a whole film. Without ffmpeg nothing is run: the answer carries the
/// exact command (with the list file it names written beside the clips, or, for paths with a line break, the concat filter
/// and no list) and how to install ffmpeg.
/// </summary>
internal sealed class FilmStitcher
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    private readonly string _rootDirectory;
    private readonly string? _configuredFfmpeg;

    public FilmStitcher(string outputDirectory, string? configuredFfmpeg)
    {
        _rootDirectory = outputDirectory;
        _configuredFfmpeg = configuredFfmpeg;
    }

    // The current caller's folder: films are kept with their owner's clips.
    private string OutputDirectory => Downloads.OwnerFolder.Of(_rootDirectory);

    /// <summary>How to get ffmpeg, for answers that need it.</summary>
    public static string InstallAdvice =>
        "Install ffmpeg (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg; Windows: winget install Gyan.FFmpeg) or set "
        + $"{SeedanceAgentEnvironment.FfmpegVariable} to its path";

    /// <summary>Where the film of <paramref name="sequenceId"/> goes.</summary>
    public string FilmPathFor(string sequenceId) => Path.Combine(OutputDirectory, $"film-{sequenceId}.mp4");

    /// <summary>Stitches <paramref name="clips"/> (saved MP4 files, in order) into the film of <paramref name="sequenceId"/>.</summary>
    public async Task<StitchResult> StitchAsync(string sequenceId, IReadOnlyList<string> clips, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(OutputDirectory);
        var film = FilmPathFor(sequenceId);
        var list = Path.Combine(OutputDirectory, $"film-{sequenceId}.txt");

        // The concat demuxer reads its list line by line: a path with a line break cannot be written there, so such clips
        // are joined by the concat filter, which takes each clip as its own argument.
        var listable = clips.All(c => Path.GetFullPath(c).IndexOfAny(['\n', '\r']) < 0);
        if (listable)
        {
            await File.WriteAllTextAsync(list, ConcatList(clips), cancellationToken);
        }

        var (ffmpeg, missing) = FfmpegLocator.FindFfmpeg(_configuredFfmpeg);
        if (ffmpeg is null)
        {
            // The list file exists only when the paths fit in it; otherwise the command joins the clips by the concat filter.
            var command = listable
                ? $"ffmpeg -f concat -safe 0 -i {Quote(list)} -c copy {Quote(film)}"
                : Show("ffmpeg", ReEncodeArguments(clips, null, film), film, film);
            return new StitchResult(null, null, null, command, $"{missing}, so the saved shots were not stitched. {InstallAdvice}, then call check_task "
                + "with the sequence_id again to stitch them here, or run the stitch command");
        }

        var ffprobe = FfmpegLocator.FindFfprobe(ffmpeg);
        var infos = new List<ClipInfo>();
        foreach (var clip in clips)
        {
            if (ffprobe is not null && await ProbeAsync(ffprobe, clip, cancellationToken) is { } info)
            {
                infos.Add(info);
            }
        }

        // Without a probe of every clip there is no telling whether they match: re-encoding is always safe.
        var copy = listable && infos.Count == clips.Count && infos.All(i => i.Matches(infos[0]));
        var temporary = Path.Combine(OutputDirectory, $".film-{sequenceId}.{Guid.NewGuid():N}.part");
        var arguments = copy
            ? new List<string> { "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", list, "-c", "copy", "-movflags", "+faststart", "-f", "mp4", temporary }
            : ReEncodeArguments(clips, infos.Count == clips.Count ? infos : null, temporary);
        try
        {
            var (exit, errors) = await RunAsync(ffmpeg, arguments, cancellationToken);
            if (exit != 0 || !File.Exists(temporary))
            {
                return new StitchResult(null, null, null, Show(ffmpeg, arguments, temporary, film),
                    $"ffmpeg could not stitch the shots (exit code {exit}: {Last(errors)}). The shots are saved; call check_task with the sequence_id to try again");
            }

            File.Move(temporary, film, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        var seconds = ffprobe is null ? null : (await ProbeAsync(ffprobe, film, cancellationToken))?.Seconds;
        return new StitchResult(film, seconds, copy ? StitchResult.StreamCopy : StitchResult.ReEncode, null, null);
    }

    /// <summary>Reads a clip's streams and length with ffprobe; null when it cannot.</summary>
    internal static async Task<ClipInfo?> ProbeAsync(string ffprobe, string file, CancellationToken cancellationToken)
    {
        var (exit, output) = await RunAsync(ffprobe, ["-v", "error", "-show_entries",
            "stream=codec_type,codec_name,width,height,pix_fmt,r_frame_rate,sample_rate,channels:format=duration", "-of", "json", file],
            cancellationToken, readOutput: true);
        if (exit != 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(output);
            var root = document.RootElement;
            JsonElement? video = null, audio = null;
            if (root.TryGetProperty("streams", out var streams) && streams.ValueKind == JsonValueKind.Array)
            {
                foreach (var stream in streams.EnumerateArray())
                {
                    var type = Text(stream, "codec_type");
                    if (type == "video" && video is null)
                    {
                        video = stream;
                    }
                    else if (type == "audio" && audio is null)
                    {
                        audio = stream;
                    }
                }
            }

            double? seconds = root.TryGetProperty("format", out var format) && double.TryParse(Text(format, "duration"), NumberStyles.Float,
                CultureInfo.InvariantCulture, out var d) ? d : null;
            return new ClipInfo(video is { } v ? Text(v, "codec_name") : null, video is { } w ? Number(w, "width") ?? 0 : 0,
                video is { } h ? Number(h, "height") ?? 0 : 0, video is { } p ? Text(p, "pix_fmt") : null, video is { } r ? Text(r, "r_frame_rate") : null,
                audio is { } a ? Text(a, "codec_name") : null, audio is { } s ? Number(s, "sample_rate") : null, audio is { } c ? Number(c, "channels") : null,
                seconds);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // One pass that brings every clip to the first one's frame size and rate and joins them; clips without sound get silence.
    private static List<string> ReEncodeArguments(IReadOnlyList<string> clips, List<ClipInfo>? infos, string output)
    {
        var first = infos?[0];
        var width = first is { Width: > 0 } ? first.Width / 2 * 2 : 1280;
        var height = first is { Height: > 0 } ? first.Height / 2 * 2 : 720;
        var rate = first?.FrameRate is { Length: > 0 } r && r != "0/0" ? r : "24";
        var withSound = infos is null || infos.Any(i => i.AudioCodec is not null);
        var arguments = new List<string> { "-v", "error", "-y" };
        foreach (var clip in clips)
        {
            arguments.AddRange(["-i", clip]);
        }

        var filter = new StringBuilder();
        var next = clips.Count;
        var joined = new StringBuilder();
        for (var i = 0; i < clips.Count; i++)
        {
            filter.Append(CultureInfo.InvariantCulture,
                $"[{i}:v]scale={width}:{height}:force_original_aspect_ratio=decrease,pad={width}:{height}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps={rate},format=yuv420p[v{i}];");
            joined.Append(CultureInfo.InvariantCulture, $"[v{i}]");
            if (!withSound)
            {
                continue;
            }

            var source = $"{i}:a";
            if (infos is not null && infos[i].AudioCodec is null)
            {
                var seconds = (infos[i].Seconds ?? 5).ToString("0.###", CultureInfo.InvariantCulture);
                arguments.AddRange(["-f", "lavfi", "-t", seconds, "-i", "anullsrc=r=44100:cl=stereo"]);
                source = $"{next++}:a";
            }

            filter.Append(CultureInfo.InvariantCulture, $"[{source}]aresample=44100,aformat=channel_layouts=stereo[a{i}];");
            joined.Append(CultureInfo.InvariantCulture, $"[a{i}]");
        }

        filter.Append(joined).Append(CultureInfo.InvariantCulture, $"concat=n={clips.Count}:v=1:a={(withSound ? 1 : 0)}[v]{(withSound ? "[a]" : string.Empty)}");
        arguments.AddRange(["-filter_complex", filter.ToString(), "-map", "[v]"]);
        if (withSound)
        {
            arguments.AddRange(["-map", "[a]", "-c:a", "aac", "-b:a", "128k"]);
        }

        arguments.AddRange(["-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-movflags", "+faststart", "-f", "mp4", output]);
        return arguments;
    }

    // The concat demuxer's list: one quoted absolute path a line (a quote inside a path is closed, escaped and reopened).
    private static string ConcatList(IReadOnlyList<string> clips) =>
        string.Concat(clips.Select(c => $"file '{Path.GetFullPath(c).Replace("'", "'\\''", StringComparison.Ordinal)}'\n"));

    private static string Quote(string path) => OperatingSystem.IsWindows()
        ? $"\"{path}\""
        : $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    private static string Show(string ffmpeg, IEnumerable<string> arguments, string temporary, string film) =>
        string.Join(' ', new[] { ffmpeg }.Concat(arguments.Select(a => a == temporary ? film : a)).Select(a => a.Any(char.IsWhiteSpace) || a.Contains('\'') || a.Contains(';') || a.Contains('[') ? Quote(a) : a));

    private static string Last(string errors)
    {
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "no message" : string.Join(" ", lines.TakeLast(2));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement element, string name) => element.TryGetProperty(name, out var value) switch
    {
        true when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) => n,
        true when value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
        _ => null,
    };

    private static async Task<(int Exit, string Text)> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken,
        bool readOutput = false)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            return (-1, "ffmpeg took longer than 15 minutes and was stopped");
        }

        return (process.ExitCode, readOutput ? await output : await errors);
    }
}
