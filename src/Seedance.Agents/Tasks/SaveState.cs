namespace Seedance.Agents.Tasks;

/// <summary>Where saving a finished task's files stands.</summary>
internal enum SaveStatus
{
    /// <summary>Nothing to save (not finished, downloads off, or no link).</summary>
    None,

    /// <summary>The background saver is downloading.</summary>
    Saving,

    /// <summary>The files are on disk and checked.</summary>
    Saved,

    /// <summary>The last attempt failed; the next request tries again (resuming what was saved).</summary>
    Failed,
}

/// <summary>A snapshot of saving one task's files.</summary>
/// <param name="Status">Where it stands.</param>
/// <param name="Video">The saved video, once saved.</param>
/// <param name="Frame">The saved last frame, once saved.</param>
/// <param name="Percent">How much of the video is on disk, while saving.</param>
/// <param name="Problem">Why the last attempt failed.</param>
internal readonly record struct SaveState(SaveStatus Status, string? Video = null, string? Frame = null, int? Percent = null, string? Problem = null);
