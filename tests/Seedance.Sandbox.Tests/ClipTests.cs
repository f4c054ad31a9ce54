using System.Diagnostics;
using System.Globalization;
using Seedance.Client.Requests;
using Seedance.Sandbox.Media;
using Seedance.Testing;

namespace Seedance.Sandbox.Tests;

/// <summary>The clips the sandbox renders per task (with ffmpeg): they move, and they show the prompt's first words.</summary>
public sealed class ClipTests
{
    // 480x270 for 16:9: the caption sits in the top band, the square crosses below it.
    private const int Width = 480;
    private const int Height = 270;

    [SkippableFact]
    public async Task RenderedClip_TheSquareMovesAndTheCaptionIsDrawn_AndDiffersWithThePrompt()
    {
        RequiredPrograms.Ffmpeg();
        await using var f = await SandboxFixture.StartAsync(s => s.RenderClips = true);

        var cat = await RenderAsync(f, "a cat surfing a big wave at sunset");
        var dog = await RenderAsync(f, "two dogs play chess");
        var catStart = await FrameAsync(cat, 0.25);
        var catEnd = await FrameAsync(cat, 3.75);
        var dogStart = await FrameAsync(dog, 0.25);
        File.Delete(cat);
        File.Delete(dog);

        // Motion: where the white square is, below the caption, moves right between the first and the last second.
        var startX = WhiteColumns(catStart, Height / 3, Height);
        var endX = WhiteColumns(catEnd, Height / 3, Height);
        Assert.NotEmpty(startX);
        Assert.NotEmpty(endX);
        Assert.True(endX.Average() - startX.Average() > Width / 3, $"the square moved from x≈{startX.Average():0} to x≈{endX.Average():0}");

        // Caption: white text in the top band, whose shape differs with the prompt (the backgrounds differ too, so compare the text only).
        var catText = WhiteMask(catStart, 0, Height / 4);
        var dogText = WhiteMask(dogStart, 0, Height / 4);
        Assert.True(catText.Count(b => b) > 100, "no caption drawn in the top band");
        Assert.True(catText.Zip(dogText).Count(p => p.First != p.Second) > 100, "the caption does not follow the prompt");
    }

    [Theory]
    [InlineData("a cat surfing a big wave at sunset in Hawaii", "a cat surfing a big wave")]
    [InlineData("   ", "Seedance sandbox")]
    [InlineData(null, "Seedance sandbox")]
    [InlineData("supercalifragilisticexpialidociousandmoreandmorewords here", "supercalifragilisticexpialidociousandmor")]
    public void Caption_IsThePromptsFirstWords(string? prompt, string expected) => Assert.Equal(expected, SandboxClips.Caption(prompt));

    private static async Task<string> RenderAsync(SandboxFixture f, string prompt)
    {
        var id = (await f.Client.SubmitAsync(new VideoGenerationRequest { Prompt = prompt, Duration = 4, Size = "16:9" })).TaskId;
        f.Time.Advance(TimeSpan.FromMinutes(3));
        var task = await f.Client.GetTaskAsync(id);
        var path = Path.Combine(Path.GetTempPath(), $"seedance-clip-{Guid.NewGuid():N}.mp4");
        await File.WriteAllBytesAsync(path, await f.Raw.GetByteArrayAsync(task.VideoUrl));
        return path;
    }

    /// <summary>One frame at <paramref name="seconds"/> as 8-bit grey pixels, row by row.</summary>
    private static async Task<byte[]> FrameAsync(string video, double seconds)
    {
        var start = new ProcessStartInfo(RequiredPrograms.Find("ffmpeg")!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-v", "error", "-ss", seconds.ToString(CultureInfo.InvariantCulture), "-i", video, "-frames:v", "1",
                     "-f", "rawvideo", "-pix_fmt", "gray", "-" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var pixels = new MemoryStream();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.BaseStream.CopyToAsync(pixels);
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await errors);
        Assert.Equal(Width * Height, pixels.Length);
        return pixels.ToArray();
    }

    private static List<int> WhiteColumns(byte[] frame, int fromRow, int toRow) =>
        Enumerable.Range(0, Width).Where(x => Enumerable.Range(fromRow, toRow - fromRow).Any(y => frame[y * Width + x] > 230)).ToList();

    private static bool[] WhiteMask(byte[] frame, int fromRow, int toRow) =>
        Enumerable.Range(fromRow * Width, (toRow - fromRow) * Width).Select(i => frame[i] > 200).ToArray();
}
