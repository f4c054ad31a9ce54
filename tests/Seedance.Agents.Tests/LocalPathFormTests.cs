using Seedance.Agents.Media;

namespace Seedance.Agents.Tests;

/// <summary>The forms a local image path comes in: a file URL for localhost is this machine's file; a Windows path on another system is named as such.</summary>
public sealed class LocalPathFormTests : IDisposable
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private readonly string _root = Directory.CreateTempSubdirectory("seedance-path-forms").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Check_FileUrlForLocalhost_IsTheLocalFile()
    {
        var image = Path.Combine(_root, "a cat.png");
        File.WriteAllBytes(image, Png);
        var resolver = new LocalImageResolver([_root]);

        var (path, problem) = resolver.Check("image_urls[0]", new Uri(image).AbsoluteUri.Replace("file:///", "file://localhost/", StringComparison.Ordinal));

        Assert.Null(problem);
        Assert.Equal(RealPath.Resolve(image), path);
    }

    [Fact]
    public void Check_FileUrlForAnotherHost_SaysItIsAnotherMachine()
    {
        var (path, problem) = new LocalImageResolver([_root]).Check("image_urls[0]", "file://fileserver/share/a.png");

        Assert.Null(path);
        Assert.Contains("another machine", problem!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(@"C:\Users\me\Pictures\a.png")]
    [InlineData("C:/Users/me/a.png")]
    [InlineData(@"\\server\share\a.png")]
    public void Check_WindowsPath_OffWindows_SaysItIsAWindowsPath(string value)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.True(LocalImageResolver.LooksLocal(value));
        var (path, problem) = new LocalImageResolver([_root]).Check("image_urls[0]", value);

        Assert.Null(path);
        Assert.Contains("Windows path", problem!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("relative", problem.Message, StringComparison.Ordinal);
    }
}
