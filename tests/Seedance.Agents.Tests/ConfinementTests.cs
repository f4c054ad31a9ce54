using System.Net;
using Seedance.Agents.Downloads;
using Seedance.Agents.Media;
using Seedance.Agents.Tools;

namespace Seedance.Agents.Tests;

public sealed class ConfinementTests
{
    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("task_01/../../x")]
    [InlineData("..")]
    [InlineData("a\\b")]
    [InlineData("%2e%2e%2fsecret")]
    [InlineData("")]
    public void FileNameFor_HostileTaskIds_StayPlainNames(string taskId)
    {
        var name = VideoDownloader.FileNameFor(taskId, ".mp4");

        Assert.DoesNotContain('/', name);
        Assert.DoesNotContain('\\', name);
        Assert.DoesNotContain("..", name, StringComparison.Ordinal);
        Assert.EndsWith(".mp4", name, StringComparison.Ordinal);
        Assert.False(name.StartsWith('.'));
    }

    [Theory]
    [InlineData("../escape.mp4")]
    [InlineData("sub/dir.mp4")]
    [InlineData("/etc/passwd")]
    [InlineData(".hidden")]
    [InlineData("..")]
    public void ResolveTarget_OutsideOrOddNames_Refused(string fileName)
    {
        var downloader = new VideoDownloader(new HttpClient(), Path.Combine(Path.GetTempPath(), "seedance-out"), 1024);

        Assert.Throws<InvalidOperationException>(() => downloader.ResolveTarget(fileName));
    }

    [Fact]
    public async Task Download_ThroughSymlink_Refused()
    {
        var folder = Directory.CreateTempSubdirectory("seedance-dl-").FullName;
        var outside = Path.Combine(Path.GetTempPath(), $"seedance-victim-{Guid.NewGuid():N}");
        File.WriteAllText(outside, "keep me");
        File.CreateSymbolicLink(Path.Combine(folder, "task_1.mp4"), outside);
        var downloader = new VideoDownloader(new HttpClient(), folder, 1024);

        await Assert.ThrowsAsync<InvalidOperationException>(() => downloader.DownloadAsync("http://127.0.0.1:9/x.mp4", "task_1.mp4", SavedFileKind.Video));

        Assert.Equal("keep me", File.ReadAllText(outside));
        File.Delete(outside);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Download_OverSizeCap_StoppedAndNothingLeft()
    {
        await using var f = await AgentFixture.StartAsync();
        var id = (await f.CallAsync(ToolNames.GenerateVideo, """{"prompt":"a"}""")).Str("task_id");
        f.Time.Advance(TimeSpan.FromMinutes(2));
        var url = (await f.Journal.FindAsync(id)) is { } _ ? $"{f.Sandbox.BaseUrl}files/videos/{id}.mp4" : null;
        var folder = Path.Combine(f.Root, "small");
        var downloader = new VideoDownloader(new HttpClient(), folder, 1024);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => downloader.DownloadAsync(url!, "big.mp4", SavedFileKind.Video));

        Assert.Contains("1024-byte limit", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task Download_NonHttpUrl_Refused()
    {
        var downloader = new VideoDownloader(new HttpClient(), Path.Combine(Path.GetTempPath(), "seedance-out"), 1024);

        await Assert.ThrowsAsync<InvalidOperationException>(() => downloader.DownloadAsync("file:///etc/passwd", "x.mp4", SavedFileKind.Video));
    }

    [Fact]
    public async Task LocalImage_InsideAllowedFolder_UploadedAndUrlSent()
    {
        await using var f = await AgentFixture.StartAsync();
        var image = Path.Combine(f.ImagesDirectory, "cat.png");
        File.WriteAllBytes(image, Sandbox.Tests.Png.Bytes);

        var outcome = await f.CallAsync(ToolNames.GenerateVideo,
            $$"""{"prompt":"the cat walks","image_with_roles":[{"url":"{{image}}","role":"first_frame"}]}""");

        Assert.False(outcome.IsError, outcome.Text);
        Assert.Equal(1, f.Sandbox.Counters.Uploads);
        var body = System.Text.Json.JsonDocument.Parse(f.Sandbox.ReceivedSubmitBodies[0]).RootElement;
        var url = body.GetProperty("image_with_roles")[0].GetProperty("url").GetString()!;
        Assert.Equal(Sandbox.Tests.Png.Bytes, await f.Raw.GetByteArrayAsync(url));
        Assert.DoesNotContain(f.ImagesDirectory, f.Sandbox.ReceivedSubmitBodies[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalImage_FileUrl_Uploaded()
    {
        await using var f = await AgentFixture.StartAsync();
        var image = Path.Combine(f.ImagesDirectory, "cat.png");
        File.WriteAllBytes(image, Sandbox.Tests.Png.Bytes);

        var outcome = await f.CallAsync(ToolNames.GenerateVideo, $$"""{"prompt":"x","image_urls":["{{new Uri(image).AbsoluteUri}}"]}""");

        Assert.False(outcome.IsError, outcome.Text);
        Assert.Equal(1, f.Sandbox.Counters.Uploads);
    }

    [Theory]
    [InlineData("outside")]
    [InlineData("dotdot")]
    [InlineData("symlink")]
    [InlineData("relative")]
    [InlineData("missing")]
    [InlineData("notimage")]
    [InlineData("encoded")]
    public async Task LocalImage_NotAllowed_RefusedBeforeAnyUpload(string kind)
    {
        await using var f = await AgentFixture.StartAsync();
        var outsideFolder = Path.Combine(f.Root, "private");
        Directory.CreateDirectory(outsideFolder);
        var secret = Path.Combine(outsideFolder, "secret.png");
        File.WriteAllBytes(secret, Sandbox.Tests.Png.Bytes);
        var path = kind switch
        {
            "outside" => secret,
            "dotdot" => Path.Combine(f.ImagesDirectory, "..", "private", "secret.png"),
            "symlink" => Link(Path.Combine(f.ImagesDirectory, "innocent.png"), secret),
            "relative" => "images/cat.png",
            "missing" => Path.Combine(f.ImagesDirectory, "nope.png"),
            "notimage" => Write(Path.Combine(f.ImagesDirectory, "notes.png"), "plain text"),
            _ => Path.Combine(f.ImagesDirectory, "%2e%2e", "private", "secret.png"),
        };

        var outcome = await f.CallAsync(ToolNames.GenerateVideo, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["prompt"] = "x",
            ["image_urls"] = new[] { path },
        }));

        Assert.True(outcome.IsError);
        Assert.Equal(["image_urls[0]"], outcome.ViolationParameters());
        Assert.Equal(0, f.Sandbox.Counters.Uploads);
        Assert.Equal(0, f.Sandbox.Counters.SubmitsReceived);
    }

    private static string Link(string link, string target)
    {
        File.CreateSymbolicLink(link, target);
        return link;
    }

    private static string Write(string path, string text)
    {
        File.WriteAllText(path, text);
        return path;
    }
}
