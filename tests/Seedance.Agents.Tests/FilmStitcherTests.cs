using System.Diagnostics;
using Seedance.Agents.Films;
using Seedance.Testing;

namespace Seedance.Agents.Tests;

/// <summary>
/// Stitching a film whose output folder has a line break in its name: the concat demuxer's list cannot hold such a path,
/// so the clips are joined by the concat filter; without ffmpeg the suggested command names no list file that was not written.
/// </summary>
public sealed class FilmStitcherTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "seedance-stitch", Guid.NewGuid().ToString("N"));

    private string Folder => Path.Combine(_root, "my\nfilms");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [SkippableFact]
    public async Task OutputFolderWithALineBreak_ClipsAreJoinedIntoOneFilm()
    {
        RequiredPrograms.Ffmpeg();
        Directory.CreateDirectory(Folder);
        var clips = new[] { await ClipAsync("shot 1.mp4", "red"), await ClipAsync("shot 2.mp4", "blue") };

        var result = await new FilmStitcher(Folder, configuredFfmpeg: null).StitchAsync("seq_newline", clips, CancellationToken.None);

        Assert.Null(result.Problem);
        Assert.Equal(Path.Combine(Folder, "film-seq_newline.mp4"), result.FilmPath);
        Assert.True(File.Exists(result.FilmPath));
        Assert.Equal(StitchResult.ReEncode, result.Method);
        Assert.InRange(await Ffprobe.SecondsAsync(result.FilmPath!), 1.9, 2.2);
        Assert.False(File.Exists(Path.Combine(Folder, "film-seq_newline.txt")));
    }

    [Fact]
    public async Task WithoutFfmpeg_OutputFolderWithALineBreak_CommandNamesNoListThatWasNotWritten()
    {
        Directory.CreateDirectory(Folder);
        var clips = new[] { Path.Combine(Folder, "shot 1.mp4"), Path.Combine(Folder, "shot 2.mp4") };
        var list = Path.Combine(Folder, "film-seq_newline.txt");

        var result = await new FilmStitcher(Folder, Path.Combine(_root, "no-ffmpeg-here")).StitchAsync("seq_newline", clips, CancellationToken.None);

        Assert.Null(result.FilmPath);
        Assert.NotNull(result.Problem);
        Assert.False(File.Exists(list));
        Assert.DoesNotContain("film-seq_newline.txt", result.Command, StringComparison.Ordinal);
        Assert.DoesNotContain("-f concat", result.Command, StringComparison.Ordinal);
        Assert.Contains("concat=n=2", result.Command, StringComparison.Ordinal);
        Assert.Contains(clips[0], result.Command, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(Folder, "film-seq_newline.mp4"), result.Command, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutFfmpeg_PlainOutputFolder_CommandNamesTheListItWrote()
    {
        Directory.CreateDirectory(_root);
        var clips = new[] { Path.Combine(_root, "a.mp4"), Path.Combine(_root, "b.mp4") };

        var result = await new FilmStitcher(_root, Path.Combine(_root, "no-ffmpeg-here")).StitchAsync("seq_plain", clips, CancellationToken.None);

        var list = Path.Combine(_root, "film-seq_plain.txt");
        Assert.True(File.Exists(list));
        Assert.Contains(list, result.Command, StringComparison.Ordinal);
        Assert.Contains("-f concat", result.Command, StringComparison.Ordinal);
    }

    private async Task<string> ClipAsync(string name, string colour)
    {
        var path = Path.Combine(Folder, name);
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var argument in (string[])["-v", "error", "-y", "-f", "lavfi", "-i", $"color=c={colour}:s=320x240:r=24:d=1", "-f", "lavfi",
                     "-i", "sine=frequency=440:sample_rate=44100:duration=1", "-shortest", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", path])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
        return path;
    }
}
