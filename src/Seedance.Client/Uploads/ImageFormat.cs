namespace Seedance.Client.Uploads;

/// <summary>Recognizes the image formats the upload endpoint accepts by their first bytes, not by the file name.</summary>
public static class ImageFormat
{
    /// <summary>The largest upload the provider accepts (20 MB).</summary>
    public const long MaxUploadBytes = 20L * 1024 * 1024;

    /// <summary>The accepted formats, for messages.</summary>
    public const string AcceptedFormats = "JPEG, PNG, WebP or GIF";

    /// <summary>The MIME type of the image in <paramref name="header"/>, or null if it is none of JPEG, PNG, WebP, GIF.</summary>
    public static string? Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        return null;
    }

    /// <summary>The usual file extension for a MIME type returned by <see cref="Detect"/>.</summary>
    public static string ExtensionFor(string contentType) => contentType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/gif" => ".gif",
        "image/webp" => ".webp",
        _ => ".bin",
    };
}
