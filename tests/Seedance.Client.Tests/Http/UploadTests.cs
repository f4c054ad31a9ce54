using System.Net;
using Seedance.Client.Tests.Infrastructure;

namespace Seedance.Client.Tests.Http;

public sealed class UploadTests
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private const string Answer = """{"url":"https://upload.example.test/abc.png","filename":"cat.png","content_type":"image/png","bytes":12,"created_at":1765000000}""";

    [Fact]
    public async Task UploadImageAsync_Png_SentAsMultipartFileField()
    {
        var handler = new StubHandler().Then(HttpStatusCode.OK, Answer);

        var uploaded = await TestClients.Create(handler).UploadImageAsync(new MemoryStream(Png), "/some/dir/cat.png");

        Assert.Equal("https://upload.example.test/abc.png", uploaded.Url);
        Assert.Equal(12, uploaded.Bytes);
        var sent = Assert.Single(handler.Requests);
        Assert.Equal("/v1/uploads/images", sent.Uri.AbsolutePath);
        Assert.Contains("name=file", sent.Body, StringComparison.Ordinal);
        Assert.Contains("filename=cat.png", sent.Body, StringComparison.Ordinal);
        Assert.Contains("Content-Type: image/png", sent.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("/some/dir", sent.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a' }, "image/gif")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'E', (byte)'B', (byte)'P' }, "image/webp")]
    public void Detect_AcceptedFormats(byte[] header, string expected) => Assert.Equal(expected, Uploads.ImageFormat.Detect(header));

    [Fact]
    public async Task UploadImageAsync_NotAnImage_RefusedBeforeSending()
    {
        var handler = new StubHandler();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            TestClients.Create(handler).UploadImageAsync(new MemoryStream("%PDF-1.7"u8.ToArray()), "cat.png"));

        Assert.Contains("JPEG, PNG, WebP or GIF", ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task UploadImageAsync_Over20MB_RefusedBeforeSending()
    {
        var handler = new StubHandler();
        var big = new byte[(20 * 1024 * 1024) + 1];
        Png.CopyTo(big, 0);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => TestClients.Create(handler).UploadImageAsync(new MemoryStream(big), "big.png"));

        Assert.Contains("20 MB", ex.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task UploadImageAsync_ServerError_NotRetried()
    {
        var handler = new StubHandler().Otherwise(HttpStatusCode.InternalServerError, ProviderBodies.Error(500, "server_error"));

        await Assert.ThrowsAsync<Errors.SeedanceApiException>(() => TestClients.Create(handler).UploadImageAsync(new MemoryStream(Png), "cat.png"));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task UploadImageFileAsync_MissingFile_SaysWhich()
    {
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() =>
            TestClients.Create(new StubHandler()).UploadImageFileAsync("/nonexistent/cat.png"));

        Assert.Contains("/nonexistent/cat.png", ex.Message, StringComparison.Ordinal);
    }
}
