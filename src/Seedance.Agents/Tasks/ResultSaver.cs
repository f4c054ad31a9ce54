using Seedance.Agents.Downloads;
using Seedance.Agents.Journal;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Tasks;

/// <summary>
/// Saves a finished task's video and last frame into the output folder (the provider's links expire) and records the
/// paths in the journal. A file already saved is not fetched again; a failed download is reported, never thrown.
/// </summary>
internal sealed class ResultSaver
{
    private readonly VideoDownloader _downloader;
    private readonly TaskJournal _journal;
    private readonly SeedanceAgentOptions _options;

    public ResultSaver(VideoDownloader downloader, TaskJournal journal, SeedanceAgentOptions options)
    {
        _downloader = downloader;
        _journal = journal;
        _options = options;
    }

    /// <summary>True when <paramref name="path"/> names a file that exists.</summary>
    public static bool IsSaved(string? path) => path is not null && File.Exists(path);

    /// <summary>Saves what <paramref name="task"/> produced (nothing unless it succeeded) and records it.</summary>
    public async Task<SavedFiles> SaveAsync(SeedanceTask task, JournalEntry? entry, CancellationToken cancellationToken)
    {
        if (task.State != SeedanceTaskState.Succeeded || !_options.DownloadResults || task.VideoUrl is null)
        {
            return default;
        }

        var video = IsSaved(entry?.LocalVideoPath) ? entry!.LocalVideoPath : null;
        var frame = IsSaved(entry?.LocalLastFramePath) ? entry!.LocalLastFramePath : null;
        var problems = new List<string>();
        video ??= await TryDownloadAsync(task.VideoUrl, VideoDownloader.FileNameFor(task.Id, ".mp4"), "video", problems, cancellationToken);
        if (task.LastFrameUrl is not null)
        {
            frame ??= await TryDownloadAsync(task.LastFrameUrl, VideoDownloader.FileNameFor(task.Id, ".last-frame.png"), "last frame", problems,
                cancellationToken);
        }

        if (video is not null || frame is not null)
        {
            await _journal.RecordLocalFilesAsync(task.Id, video, frame, CancellationToken.None);
        }

        return new SavedFiles(video, frame, problems.Count == 0 ? null : string.Join(" ", problems));
    }

    private async Task<string?> TryDownloadAsync(string url, string fileName, string what, List<string> problems, CancellationToken cancellationToken)
    {
        try
        {
            return await _downloader.DownloadAsync(url, fileName, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or UnauthorizedAccessException or TaskCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            problems.Add($"{what}: {ex.Message}");
            return null;
        }
    }
}
