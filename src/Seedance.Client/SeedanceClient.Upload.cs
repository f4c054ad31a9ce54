using System.Net;
using System.Net.Http.Headers;
using Seedance.Client.Errors;
using Seedance.Client.Serialization;
using Seedance.Client.Uploads;

namespace Seedance.Client;

public partial class SeedanceClient
{
    private const string UploadPath = "/v1/uploads/images";

    /// <summary>
    /// Uploads an image (JPEG, PNG, WebP or GIF, at most 20 MB, checked before sending) and returns the URL to
    /// use in a request. Retried only when the provider refused it with 429.
    /// </summary>
    /// <param name="content">The image bytes; read to the end.</param>
    /// <param name="fileName">The file name to send (only its last segment is used).</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    public virtual async Task<UploadedImage> UploadImageAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var bytes = await ReadCappedAsync(content, cancellationToken);
        var contentType = ImageFormat.Detect(bytes)
            ?? throw new ArgumentException(
                $"file: '{Path.GetFileName(fileName)}' is not an image the provider accepts (allowed: {ImageFormat.AcceptedFormats}).",
                nameof(content));

        var name = Path.GetFileName(fileName);
        for (var attempt = 0; ; attempt++)
        {
            using var message = NewRequest(HttpMethod.Post, UploadPath);
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(file, "file", name);
            message.Content = form;

            var response = await SendAsync(message, UploadPath, isSubmit: false, cancellationToken);
            if (response.Status == HttpStatusCode.TooManyRequests && attempt < _options.RateLimitRetries
                && await WaitBeforeRetryAsync(response.RetryAfter, attempt, cancellationToken))
            {
                continue;
            }

            if (!response.IsSuccess)
            {
                throw ErrorFrom(response, UploadPath, isSubmit: false, isTaskLookup: false);
            }

            using var document = ParseSuccess(response, UploadPath, isSubmit: false);
            if (EmbeddedError(document, response, UploadPath, isSubmit: false, isTaskLookup: false) is { } embedded)
            {
                throw embedded;
            }

            return ProviderResponses.ReadUpload(document.RootElement)
                ?? throw new SeedanceApiException(SeedanceErrorKind.InvalidResponse,
                    $"The provider's answer to {UploadPath} holds no url.", response.Status, requestPath: UploadPath);
        }
    }

    /// <summary>Uploads the image file at <paramref name="path"/>; see <see cref="UploadImageAsync(Stream, string, CancellationToken)"/>.</summary>
    public virtual async Task<UploadedImage> UploadImageFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"file: no image at '{path}'.", path);
        }

        if (info.Length > ImageFormat.MaxUploadBytes)
        {
            throw new ArgumentException(
                $"file: '{info.Name}' is {info.Length} bytes; the provider accepts at most {ImageFormat.MaxUploadBytes} bytes (20 MB).", nameof(path));
        }

        await using var stream = info.OpenRead();
        return await UploadImageAsync(stream, info.Name, cancellationToken);
    }

    private static async Task<byte[]> ReadCappedAsync(Stream content, CancellationToken cancellationToken)
    {
        if (content.CanSeek && content.Length - content.Position > ImageFormat.MaxUploadBytes)
        {
            throw new ArgumentException(
                $"file: the image is {content.Length - content.Position} bytes; the provider accepts at most {ImageFormat.MaxUploadBytes} bytes (20 MB).",
                nameof(content));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > ImageFormat.MaxUploadBytes)
            {
                throw new ArgumentException(
                    $"file: the image is over {ImageFormat.MaxUploadBytes} bytes; the provider accepts at most 20 MB.", nameof(content));
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
