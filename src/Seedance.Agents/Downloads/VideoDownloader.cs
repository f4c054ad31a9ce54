using System.Text;

namespace Seedance.Agents.Downloads;

/// <summary>
/// Saves result files into the output folder: streamed to a temporary file and renamed into place, named by
/// the caller (never by the URL), kept inside the folder, capped in size, and reused when already present.
/// Uses its own <see cref="HttpClient"/> without the API key, because result links point at other hosts.
/// </summary>
public sealed class VideoDownloader
{
    private readonly HttpClient _http;
    private readonly long _maxBytes;

    /// <summary>Creates a downloader writing into <paramref name="outputDirectory"/>.</summary>
    public VideoDownloader(HttpClient httpClient, string outputDirectory, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        _http = httpClient;
        OutputDirectory = Path.GetFullPath(outputDirectory);
        _maxBytes = maxBytes;
    }

    /// <summary>The folder files are saved in.</summary>
    public string OutputDirectory { get; }

    /// <summary>A file name made only of letters, digits, '-', '_' and '.', from a task id and a suffix such as <c>.mp4</c>.</summary>
    public static string FileNameFor(string taskId, string suffix)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        var name = new StringBuilder(taskId.Length);
        foreach (var c in taskId)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        var safe = name.ToString().Trim('_');
        if (safe.Length == 0 || safe.Length > 100)
        {
            safe = "task_" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(taskId)))[..24];
        }

        return safe + suffix;
    }

    /// <summary>Downloads <paramref name="url"/> to <paramref name="fileName"/> in the output folder, or returns the file already there.</summary>
    public async Task<string> DownloadAsync(string url, string fileName, CancellationToken cancellationToken = default)
    {
        var target = ResolveTarget(fileName);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException($"Not downloading '{url}': only http(s) links are fetched.");
        }

        var existing = new FileInfo(target);
        if (existing.Exists && existing.LinkTarget is null && existing.Length > 0)
        {
            return target;
        }

        Directory.CreateDirectory(OutputDirectory);
        var temporary = Path.Combine(OutputDirectory, $".{fileName}.{Guid.NewGuid():N}.part");
        try
        {
            using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"The download of {fileName} failed with HTTP {(int)response.StatusCode}; the link may have expired (links live 24 h).");
            }

            if (response.Content.Headers.ContentLength is { } length && length > _maxBytes)
            {
                throw new InvalidOperationException($"The download of {fileName} is {length} bytes, over the {_maxBytes}-byte limit.");
            }

            await using (var source = await response.Content.ReadAsStreamAsync(cancellationToken))
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > _maxBytes)
                    {
                        throw new InvalidOperationException($"The download of {fileName} passed the {_maxBytes}-byte limit and was stopped.");
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            try
            {
                File.Move(temporary, target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                // Another process saved the same file first; theirs is as good as ours.
            }

            return target;
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The full path for <paramref name="fileName"/>, refusing anything that would land outside the output folder.</summary>
    public string ResolveTarget(string fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName) || fileName.IndexOfAny(['/', '\\', '\0', ':']) >= 0 || fileName is "." or ".."
            || fileName.StartsWith('.') || fileName.Any(char.IsControl))
        {
            throw new InvalidOperationException($"Refusing to save a file named '{fileName}': names must be plain file names.");
        }

        var target = Path.GetFullPath(Path.Combine(OutputDirectory, fileName));
        if (!string.Equals(Path.GetDirectoryName(target), OutputDirectory.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Refusing to save '{fileName}' outside {OutputDirectory}.");
        }

        if (new FileInfo(target).LinkTarget is not null)
        {
            throw new InvalidOperationException($"Refusing to write through the symbolic link {target}.");
        }

        return target;
    }
}
