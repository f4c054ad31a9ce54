using Seedance.Agents.Journal;
using Seedance.Client;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Tasks;

/// <summary>
/// A finished clip's last frame as a URL the provider can read: its link while it lives, else the copy saved on this machine,
/// uploaded again. extend_video and the long-video chain both start a clip on one this way.
/// </summary>
internal sealed class LastFrameSource
{
    private readonly SeedanceClient _client;
    private readonly TaskJournal _journal;
    private readonly TimeProvider _time;

    public LastFrameSource(SeedanceClient client, TaskJournal journal, TimeProvider time)
    {
        _client = client;
        _journal = journal;
        _time = time;
    }

    /// <summary>The provider's link to the last frame of <paramref name="task"/>, unless it expires within <paramref name="margin"/>; null otherwise.</summary>
    public string? Link(SeedanceTask task, TimeSpan margin)
    {
        var expired = task.ExpiresAt is { } expires && expires <= _time.GetUtcNow() + margin;
        return expired ? null : task.LastFrameUrl;
    }

    /// <summary>The path of the saved copy of the last frame, or null when none was saved.</summary>
    public static string? SavedCopy(JournalEntry? entry) => ResultSaver.IsSaved(entry?.LocalLastFramePath) ? entry!.LocalLastFramePath : null;

    /// <summary>Uploads the saved copy at <paramref name="path"/> again; the URL it now has.</summary>
    public async Task<string> UploadAsync(string path, DateTimeOffset deadline, CancellationToken cancellationToken) =>
        (await _client.UploadImageFileAsync(path, deadline, cancellationToken)).Url;

    /// <summary>The last frame of <paramref name="task"/> as a URL now: its link, or the saved copy uploaded again; null when it has neither.</summary>
    public async Task<string?> UrlAsync(SeedanceTask task, TimeSpan margin, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (Link(task, margin) is { } link)
        {
            return link;
        }

        return SavedCopy(await _journal.FindAsync(task.Id, cancellationToken)) is { } path ? await UploadAsync(path, deadline, cancellationToken) : null;
    }
}
