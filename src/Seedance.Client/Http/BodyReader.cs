namespace Seedance.Client.Http;

/// <summary>Reads an HTTP body into memory, never more than a limit, so a broken or hostile server cannot exhaust memory.</summary>
internal static class BodyReader
{
    /// <summary>Reads at most <paramref name="limit"/> + 1 bytes; <c>OverLimit</c> says whether the body was longer than the limit.</summary>
    public static async Task<(byte[] Bytes, bool OverLimit)> ReadAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                buffer.Write(chunk, 0, (int)(limit + 1 - buffer.Length));
                return (buffer.ToArray(), true);
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), false);
    }
}
