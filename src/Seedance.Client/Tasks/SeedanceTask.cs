using System.Text.Json;

namespace Seedance.Client.Tasks;

/// <summary>A snapshot of a generation task as the provider reported it.</summary>
public sealed record SeedanceTask
{
    /// <summary>The task id (<c>task_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The normalized state.</summary>
    public required SeedanceTaskState State { get; init; }

    /// <summary>The status word the provider sent (e.g. <c>processing</c>).</summary>
    public string? RawStatus { get; init; }

    /// <summary>Progress from 0 to 100, when given.</summary>
    public int? Progress { get; init; }

    /// <summary>The provider's estimate of the whole task's duration.</summary>
    public TimeSpan? EstimatedTime { get; init; }

    /// <summary>How long the task actually took, once done.</summary>
    public TimeSpan? ActualTime { get; init; }

    /// <summary>The result video URLs (usually one).</summary>
    public IReadOnlyList<string> VideoUrls { get; init; } = [];

    /// <summary>When the video URLs stop working, as the provider said (<c>expires_at</c>); null when it did not say. Never assume a lifetime.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The schemes (<c>javascript:</c>, <c>data:</c>) of result links that were not http(s) and were left out of <see cref="VideoUrls"/> and <see cref="LastFrameUrl"/>.</summary>
    public IReadOnlyList<string> DroppedLinks { get; init; } = [];

    /// <summary>The last frame's image URL, when <c>return_last_frame</c> was asked.</summary>
    public string? LastFrameUrl { get; init; }

    /// <summary>The cost in USD, when given.</summary>
    public decimal? Cost { get; init; }

    /// <summary>The cost in credits, when given.</summary>
    public decimal? CreditsCost { get; init; }

    /// <summary>Why the task failed, when it did.</summary>
    public SeedanceTaskError? Error { get; init; }

    /// <summary>When the task was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the task ended.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The provider's <c>data</c> object as received, for anything not mapped here.</summary>
    public JsonElement Raw { get; init; }

    /// <summary>True once the task can no longer change (succeeded, failed or cancelled).</summary>
    public bool IsTerminal => State is SeedanceTaskState.Succeeded or SeedanceTaskState.Failed or SeedanceTaskState.Cancelled;

    /// <summary>The first video URL, if any.</summary>
    public string? VideoUrl => VideoUrls.Count > 0 ? VideoUrls[0] : null;
}
