using System.Collections.Concurrent;
using Seedance.Agents.Downloads;
using Seedance.Agents.Journal;
using Seedance.Agents.Results;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Tasks;

/// <summary>
/// Saves finished videos and last frames in the background of the host process, outside any tool call: a call starts
/// (or looks at) the save and may wait for it within its own deadline, but never carries it, so a slow link cannot make a
/// call outlive the client's patience, and a cancelled call does not lose what was downloaded. A failed or interrupted
/// save resumes from its partial file on the next request (in this process or after a restart). Files count as saved
/// only when their content checks out.
/// </summary>
internal sealed class ResultSaver : IAsyncDisposable, IDisposable
{
    private readonly VideoDownloader _downloader;
    private readonly TaskJournal _journal;
    private readonly SeedanceAgentOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Job> _jobs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime = new();

    private readonly JournalLeases? _leases;

    public ResultSaver(VideoDownloader downloader, TaskJournal journal, SeedanceAgentOptions options, TimeProvider time, JournalLeases? leases = null)
    {
        _leases = leases;
        _downloader = downloader;
        _journal = journal;
        _options = options;
        _time = time;
    }

    /// <summary>True when <paramref name="path"/> names a file that exists.</summary>
    public static bool IsSaved(string? path) => path is not null && File.Exists(path);

    /// <summary>Starts saving what <paramref name="task"/> produced, unless it is saved or being saved, and says where it stands.</summary>
    public SaveState Request(SeedanceTask task, JournalEntry? entry)
    {
        if (task.State != SeedanceTaskState.Succeeded || !_options.DownloadResults || task.VideoUrl is null)
        {
            return new SaveState(SaveStatus.None);
        }

        var video = Checked(entry?.LocalVideoPath, SavedFileKind.Video);
        var frame = Checked(entry?.LocalLastFramePath, SavedFileKind.Image);
        if (video is not null && (frame is not null || task.LastFrameUrl is null))
        {
            return new SaveState(SaveStatus.Saved, video, frame);
        }

        if (_jobs.TryGetValue(task.Id, out var running))
        {
            return running.State;
        }

        if (task.ExpiresAt is { } expires && expires <= _time.GetUtcNow())
        {
            return new SaveState(SaveStatus.Failed, video, frame,
                Problem: $"the links expired at {expires.UtcDateTime:u} before the files were saved");
        }

        var job = new Job(task.Id);
        if (!_jobs.TryAdd(task.Id, job))
        {
            return _jobs.TryGetValue(task.Id, out var other) ? other.State : job.State;
        }

        job.Run = Task.Run(() => SaveAsync(job, task, video, frame));
        return job.State;
    }

    /// <summary>
    /// Waits until the save of <paramref name="taskId"/> ends or <paramref name="until"/> comes, reporting progress; returns
    /// where it stands then. Cancelling the wait leaves the save running.
    /// </summary>
    public async Task<SaveState> WaitAsync(string taskId, SaveState state, DateTimeOffset until, IProgress<ToolProgress>? progress,
        CancellationToken cancellationToken)
    {
        if (state.Status != SaveStatus.Saving || !_jobs.TryGetValue(taskId, out var job) || job.Run is null)
        {
            return state;
        }

        // A small file on a fast link is done in a moment: give it that moment of real time before the call's own clock
        // decides (the call keeps AnswerTime in hand for this), so a short wait never reports "saving" for a file that
        // was a few milliseconds from done.
        await Task.WhenAny(job.Run, Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None));
        while (!job.Run.IsCompleted)
        {
            var now = _time.GetUtcNow();
            if (now >= until)
            {
                break;
            }

            var slice = Min(until - now, TimeSpan.FromSeconds(2));
            await Task.WhenAny(job.Run, Task.Delay(slice, _time, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            if (!job.Run.IsCompleted && job.State.Percent is { } percent)
            {
                progress?.Report(new ToolProgress(100, $"{taskId}: done; saving the video, {percent}%"));
            }
        }

        return job.Run.IsCompleted ? job.Final : job.State;
    }

    /// <summary>Stops the saves in progress (their partial files stay, to be resumed).</summary>
    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        foreach (var job in _jobs.Values)
        {
            if (job.Run is { } run)
            {
                await run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        _lifetime.Dispose();
    }

    private async Task SaveAsync(Job job, SeedanceTask task, string? video, string? frame)
    {
        // Of the processes sharing the journal (and the output folder), the one holding the save's lease downloads; the
        // others answer "saving" until the journal names the saved file.
        var work = $"save:{Client.Callers.SeedanceCaller.Current.Owner}:{task.Id}";
        if (_leases is not null && !await ClaimAsync(work))
        {
            job.Final = job.State;
            _jobs.TryRemove(new KeyValuePair<string, Job>(task.Id, job));
            return;
        }

        using var done = new CancellationTokenSource();
        var renewing = _leases is null ? Task.CompletedTask : RenewAsync(work, done.Token);
        try
        {
            await SaveClaimedAsync(job, task, video, frame);
        }
        finally
        {
            await done.CancelAsync();
            await renewing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (_leases is not null)
            {
                try
                {
                    await _leases.ReleaseAsync(work, CancellationToken.None);
                }
                catch (TaskJournalException)
                {
                    // It lapses on its own.
                }
            }
        }
    }

    private async Task<bool> ClaimAsync(string work)
    {
        try
        {
            return await _leases!.TryClaimAsync(work, _lifetime.Token);
        }
        catch (TaskJournalException)
        {
            // The journal cannot say who saves: save here (the partial file and the rename keep a file whole).
            return true;
        }
    }

    private async Task RenewAsync(string work, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(JournalLeases.Lifetime / 3, _time, cancellationToken);
            try
            {
                await _leases!.TryClaimAsync(work, cancellationToken);
            }
            catch (TaskJournalException)
            {
            }
        }
    }

    private async Task SaveClaimedAsync(Job job, SeedanceTask task, string? video, string? frame)
    {
        var problems = new List<string>();
        try
        {
            var percent = new Progress<DownloadProgress>(p => job.Percent = p.Percent);
            video ??= await TryAsync(task.VideoUrl!, VideoDownloader.FileNameFor(task.Id, ".mp4"), SavedFileKind.Video, "video", percent, problems);
            if (task.LastFrameUrl is not null)
            {
                frame ??= await TryAsync(task.LastFrameUrl, VideoDownloader.FileNameFor(task.Id, ".last-frame.png"), SavedFileKind.Image, "last frame",
                    null, problems);
            }

            if (video is not null || frame is not null)
            {
                try
                {
                    await _journal.RecordLocalFilesAsync(task.Id, video, frame, CancellationToken.None);
                }
                catch (TaskJournalException ex)
                {
                    problems.Add($"the files are saved but the journal could not record them: {ex.Message}");
                }
            }
        }
        finally
        {
            job.Final = problems.Count == 0 && video is not null
                ? new SaveState(SaveStatus.Saved, video, frame)
                : new SaveState(video is null ? SaveStatus.Failed : SaveStatus.Saved, video, frame, Problem: problems.Count == 0 ? null : string.Join(" ", problems));

            // Finished (or failed) jobs leave the table: the next request starts afresh, resuming any partial file.
            _jobs.TryRemove(new KeyValuePair<string, Job>(task.Id, job));
        }
    }

    private async Task<string?> TryAsync(string url, string fileName, SavedFileKind kind, string what, IProgress<DownloadProgress>? progress,
        List<string> problems)
    {
        try
        {
            return await _downloader.DownloadAsync(url, fileName, kind, progress, _lifetime.Token);
        }
        catch (Exception ex) when (!_lifetime.IsCancellationRequested)
        {
            // Whatever went wrong is reported with the answer and tried again on the next request; it never escapes.
            problems.Add(ex is HttpRequestException or IOException or InvalidOperationException or TimeoutException
                ? $"{what}: {ex.Message}"
                : $"{what}: {ex.GetType().Name}: {ex.Message}");
            return null;
        }
    }

    private static string? Checked(string? path, SavedFileKind kind) => IsSaved(path) && VideoDownloader.IsKind(path!, kind) ? path : null;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>One save in progress.</summary>
    private sealed class Job(string taskId)
    {
        public string TaskId { get; } = taskId;

        public Task? Run { get; set; }

        public int? Percent { get; set; }

        public SaveState Final { get; set; }

        public SaveState State => new(SaveStatus.Saving, Percent: Percent);
    }
}
