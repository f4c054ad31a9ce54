namespace Seedance.Client.Uploads;

/// <summary>Reads an image to upload, refusing anything over the provider's 20 MB before it is sent.</summary>
internal static class UploadReader
{
    public static async Task<byte[]> ReadCappedAsync(Stream content, CancellationToken cancellationToken)
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
