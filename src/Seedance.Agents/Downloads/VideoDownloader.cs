using System.Text;

namespace Seedance.Agents.Downloads;

/// <summary>
/// Saves result files into the output folder: streamed to a partial file that a later call resumes, checked to be what
/// it should be, and renamed into place; named by the caller (never by the URL), kept inside the folder, capped in size,
/// and reused when already present.
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
        RootDirectory = Path.GetFullPath(outputDirectory);
        _maxBytes = maxBytes;
    }

    /// <summary>The output folder as configured (the local user's files, and the other callers' folders under it).</summary>
    public string RootDirectory { get; }

    /// <summary>The folder the current caller's files are saved in (<see cref="OwnerFolder"/>).</summary>
    public string OutputDirectory => OwnerFolder.Of(RootDirectory);

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

    /// <summary>How long a download may go without receiving a byte before it is stopped (and can be resumed later).</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Downloads <paramref name="url"/> to <paramref name="fileName"/> in the output folder, or returns the file already there
    /// when its content is right. The bytes go to <c>.name.part</c> first, which a later call resumes with an HTTP range
    /// request; the file is renamed into place only when it is complete and its content is a <paramref name="kind"/>
    /// (an error page, an empty answer or another type is refused and never saved). Redirects are followed to http(s) only.
    /// </summary>
    public async Task<string> DownloadAsync(string url, string fileName, SavedFileKind kind, IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var target = ResolveTarget(fileName);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidOperationException($"Not downloading '{url}': only http(s) links are fetched.");
        }

        var existing = new FileInfo(target);
        if (existing.Exists && existing.LinkTarget is null && IsKind(target, kind))
        {
            return target;
        }

        Directory.CreateDirectory(OutputDirectory);
        var partial = ResolvePartial(fileName);
        var resumeFrom = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (resumeFrom > 0)
        {
            request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(resumeFrom, null);
        }

        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stall.CancelAfter(StallTimeout);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The download of {fileName} got no answer for {StallTimeout.TotalSeconds:0} s; it will be tried again.");
        }

        using (response)
        {
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                var where = response.Headers.Location is { } location ? (location.IsAbsoluteUri ? location.Scheme + ":" : "a relative location") : "nowhere";
                throw new InvalidOperationException($"The link for {fileName} redirected to {where}; only http(s) redirects are followed.");
            }

            if ((int)response.StatusCode == 416 && resumeFrom > 0)
            {
                // The partial file already holds everything.
                return Complete(partial, target, kind, fileName);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"The download of {fileName} failed with HTTP {(int)response.StatusCode}; the link may have expired.");
            }

            if (response.Content.Headers.ContentType?.MediaType is { } type && !Accepts(kind, type))
            {
                throw new InvalidOperationException($"The link for {fileName} returned {type}, not a {Describe(kind)}; nothing was saved.");
            }

            var append = resumeFrom > 0 && response.StatusCode == System.Net.HttpStatusCode.PartialContent;
            var already = append ? resumeFrom : 0;
            var total = response.Content.Headers.ContentLength is { } length ? length + already : (long?)null;
            if (total > _maxBytes)
            {
                throw new InvalidOperationException($"The download of {fileName} is {total} bytes, over the {_maxBytes}-byte limit.");
            }

            await using (var source = await response.Content.ReadAsStreamAsync(stall.Token))
            await using (var file = new FileStream(partial, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                var written = already;
                progress?.Report(new DownloadProgress(written, total));
                while (true)
                {
                    int read;
                    try
                    {
                        stall.CancelAfter(StallTimeout);
                        read = await source.ReadAsync(buffer, stall.Token);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new TimeoutException(
                            $"The download of {fileName} stalled (no data for {StallTimeout.TotalSeconds:0} s) at {written} bytes; it will resume from there.");
                    }

                    if (read == 0)
                    {
                        break;
                    }

                    written += read;
                    if (written > _maxBytes)
                    {
                        throw new InvalidOperationException($"The download of {fileName} passed the {_maxBytes}-byte limit and was stopped.");
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    progress?.Report(new DownloadProgress(written, total));
                }
            }

            return Complete(partial, target, kind, fileName);
        }
    }

    /// <summary>The partial file of <paramref name="fileName"/> (hidden, inside the output folder).</summary>
    public string ResolvePartial(string fileName) => Path.Combine(OutputDirectory, $".{Path.GetFileName(ResolveTarget(fileName))}.part");

    /// <summary>True when the file at <paramref name="path"/> is a non-empty <paramref name="kind"/> by its content.</summary>
    public static bool IsKind(string path, SavedFileKind kind)
    {
        try
        {
            Span<byte> header = stackalloc byte[16];
            int read;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            }

            return kind switch
            {
                // ISO base media (MP4, MOV): a box size, then "ftyp".
                SavedFileKind.Video => read >= 8 && header[4..8].SequenceEqual("ftyp"u8),
                _ => Seedance.Client.Uploads.ImageFormat.Detect(header[..read]) is not null,
            };
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Complete(string partial, string target, SavedFileKind kind, string fileName)
    {
        if (!IsKind(partial, kind))
        {
            File.Delete(partial);
            throw new InvalidOperationException($"The file downloaded for {fileName} is not a {Describe(kind)} (empty, or an error page); it was discarded.");
        }

        File.Move(partial, target, overwrite: true);
        return target;
    }

    private static bool Accepts(SavedFileKind kind, string mediaType) =>
        !mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        && !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase)
        && !mediaType.Contains("xml", StringComparison.OrdinalIgnoreCase)
        && (kind == SavedFileKind.Video
            ? !mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
            : !mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase));

    private static string Describe(SavedFileKind kind) => kind == SavedFileKind.Video ? "video" : "image";

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
