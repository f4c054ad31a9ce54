using Seedance.Client;
using Seedance.Client.Uploads;
using Seedance.Client.Validation;

namespace Seedance.Agents.Media;

/// <summary>
/// Turns local image paths given to a tool into provider URLs by uploading them, but only absolute paths
/// that really lie (symbolic links resolved) inside the folders the user allowed.
/// </summary>
public sealed class LocalImageResolver
{
    private readonly string[] _allowed;

    /// <summary>Creates a resolver for the given allowed folders.</summary>
    public LocalImageResolver(IEnumerable<string> allowedFolders)
    {
        ArgumentNullException.ThrowIfNull(allowedFolders);
        _allowed = allowedFolders.Select(folder =>
        {
            try
            {
                return RealPath.Resolve(folder);
            }
            catch (IOException)
            {
                return Path.GetFullPath(folder);
            }
        }).ToArray();
    }

    /// <summary>True when <paramref name="value"/> looks like a local file (absolute path, <c>~/</c> or <c>file://</c>) rather than a URL.</summary>
    public static bool LooksLocal(string? value) =>
        !string.IsNullOrWhiteSpace(value) && MediaUrl.Classify(value) == MediaUrlKind.Invalid
        && (value.StartsWith("file://", StringComparison.OrdinalIgnoreCase) || value.StartsWith('/') || value.StartsWith('~')
            || value.StartsWith('.') || value.StartsWith(@"\\", StringComparison.Ordinal) || (value.Length > 2 && value[1] == ':' && value[2] is '\\' or '/'));

    /// <summary>A drive path (C:\Users\…, C:/…) or a UNC path (\\server\share\…).</summary>
    private static bool IsWindowsPath(string value) =>
        (value.Length > 2 && char.IsAsciiLetter(value[0]) && value[1] == ':' && value[2] is '\\' or '/') || value.StartsWith(@"\\", StringComparison.Ordinal);

    private static string OperatingSystemName() => OperatingSystem.IsMacOS() ? "macOS" : OperatingSystem.IsLinux() ? "Linux" : "a Unix system";

    /// <summary>Checks a local image without reading it: the resolved path, or the violation that explains the refusal.</summary>
    public (string? Path, Violation? Problem) Check(string parameter, string value)
    {
        var allowed = _allowed.Length == 0 ? "no local folder (local files are switched off)" : string.Join(", ", _allowed);
        string path;
        if (value.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !uri.IsFile)
            {
                return (null, new Violation(RequestRules.MediaUrls, parameter, value, "an absolute local path or file:// URL", "not a readable file URL"));
            }

            // file:///p and file://localhost/p both name this machine's file (RFC 8089); another host is another machine.
            if (!string.IsNullOrEmpty(uri.Host) && !uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            {
                return (null, new Violation(RequestRules.MediaUrls, parameter, value, "a file on this machine (file:///path or file://localhost/path)",
                    $"the file URL names another machine ('{uri.Host}'), whose files this server cannot read"));
            }

            path = OperatingSystem.IsWindows() ? uri.LocalPath : Uri.UnescapeDataString(uri.AbsolutePath);
        }
        else if (!OperatingSystem.IsWindows() && IsWindowsPath(value))
        {
            return (null, new Violation(RequestRules.MediaUrls, parameter, value, "a path on the machine this server runs on, such as /home/me/cat.png, or an http(s) URL",
                $"this is a Windows path, and this server runs on {OperatingSystemName()}, where it names no file"));
        }
        else if (value.StartsWith("~/", StringComparison.Ordinal))
        {
            path = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify), value[2..]);
        }
        else
        {
            path = value;
        }

        if (!Path.IsPathFullyQualified(path))
        {
            return (null, new Violation(RequestRules.MediaUrls, parameter, value, "an absolute path such as /home/me/cat.png, or an http(s) URL",
                "relative paths are not accepted"));
        }

        string real;
        try
        {
            real = RealPath.Resolve(path);
        }
        catch (IOException ex)
        {
            return (null, new Violation(RequestRules.MediaUrls, parameter, value, "a file path without link loops", ex.Message));
        }

        if (!_allowed.Any(folder => RealPath.IsInside(real, folder)))
        {
            return (null, new Violation(RequestRules.MediaUrls, parameter, value, $"an image inside {allowed}",
                "the file is outside the folders this server may read (set SEEDANCE_ALLOWED_DIRS to allow more)"));
        }

        var info = new FileInfo(real);
        if (!info.Exists)
        {
            return (null, new Violation(RequestRules.MediaUrls, parameter, value, "an existing image file", "no file at that path"));
        }

        // Only regular files with content: a named pipe or a device would block the read for good (both report length 0).
        if ((info.Attributes & (FileAttributes.Directory | FileAttributes.Device)) != 0 || info.Length == 0)
        {
            return (null, new Violation(RequestRules.MediaUrls, parameter, value, "a regular, non-empty image file",
                "not a regular file with content (folders, pipes, devices and empty files are refused)"));
        }

        if (info.Length > ImageFormat.MaxUploadBytes)
        {
            return (null, new Violation(RequestRules.MediaUrls, parameter, $"{info.Length} bytes", "an image of at most 20 MB", "the image is too large to upload"));
        }

        Span<byte> header = stackalloc byte[16];
        int read;
        using (var stream = info.OpenRead())
        {
            read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }

        if (ImageFormat.Detect(header[..read]) is null)
        {
            return (null, new Violation(RequestRules.MediaUrls, parameter, value, ImageFormat.AcceptedFormats, "the file is not an image the provider accepts"));
        }

        return (real, null);
    }
}
