namespace Seedance.Client.Tasks;

/// <summary>The normalized state of a task. Unknown provider statuses count as <see cref="Running"/>.</summary>
public enum SeedanceTaskState
{
    /// <summary>Accepted, not started (<c>submitted</c>, <c>pending</c>).</summary>
    Queued,
    /// <summary>Rendering (<c>processing</c>, <c>in_progress</c>, or any status this client does not know).</summary>
    Running,
    /// <summary>Done; the video is ready (<c>completed</c>).</summary>
    Succeeded,
    /// <summary>Ended without a video (<c>failed</c>).</summary>
    Failed,
    /// <summary>Stopped by the provider (<c>cancelled</c>).</summary>
    Cancelled,
}
