namespace Seedance.Client.Validation;

/// <summary>Classifies media references the way the provider accepts them (R16).</summary>
public static class MediaUrl
{
    private const string AssetPrefix = "asset://";

    /// <summary>Says whether <paramref name="value"/> is an http(s) URL, an asset id, or neither.</summary>
    public static MediaUrlKind Classify(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Length != value.Length)
        {
            return MediaUrlKind.Invalid;
        }

        if (value.StartsWith(AssetPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var id = value.AsSpan(AssetPrefix.Length);
            return id.Length > 0 && !id.ContainsAny(" /?#\\") ? MediaUrlKind.Asset : MediaUrlKind.Invalid;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && !string.IsNullOrEmpty(uri.Host)
            ? MediaUrlKind.Http
            : MediaUrlKind.Invalid;
    }
}
