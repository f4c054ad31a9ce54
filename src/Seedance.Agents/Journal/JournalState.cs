namespace Seedance.Agents.Journal;

/// <summary>Where a journaled task stands.</summary>
public enum JournalState
{
    /// <summary>Being submitted; the provider has not answered yet.</summary>
    Submitting,
    /// <summary>The submit may or may not have reached the provider (timeout, 5xx, dropped connection).</summary>
    Unconfirmed,
    /// <summary>Accepted, not started.</summary>
    Queued,
    /// <summary>Rendering.</summary>
    Running,
    /// <summary>Done; the video exists.</summary>
    Succeeded,
    /// <summary>Ended without a video.</summary>
    Failed,
    /// <summary>Stopped by the provider.</summary>
    Cancelled,
}
