namespace Seedance.Agents.Results;

/// <summary>What a tool tells the model about one task: state, links, local files, cost, errors and the next step.</summary>
public sealed record TaskReport
{
    /// <summary>The task id to pass to check_task and extend_video.</summary>
    public required string TaskId { get; init; }

    /// <summary>queued, running, succeeded, failed, cancelled, unconfirmed or submitting.</summary>
    public required string Status { get; init; }

    /// <summary>True once the task can no longer change.</summary>
    public bool Done { get; init; }

    /// <summary>Progress 0–100, when known.</summary>
    public int? Progress { get; init; }

    /// <summary>The provider's own status word.</summary>
    public string? ProviderStatus { get; init; }

    /// <summary>The model used.</summary>
    public string? Model { get; init; }

    /// <summary>The prompt used.</summary>
    public string? Prompt { get; init; }

    /// <summary>The result video's link.</summary>
    public string? VideoUrl { get; init; }

    /// <summary>When the provider's links stop working (ISO 8601, UTC).</summary>
    public DateTimeOffset? VideoExpiresAt { get; init; }

    /// <summary>The last frame's link (to continue the clip).</summary>
    public string? LastFrameUrl { get; init; }

    /// <summary>Where the video was saved on this machine.</summary>
    public string? LocalVideoPath { get; init; }

    /// <summary>Where the last frame was saved on this machine.</summary>
    public string? LocalLastFramePath { get; init; }

    /// <summary>Why a download did not happen, when it failed.</summary>
    public string? DownloadError { get; init; }

    /// <summary>The cost in USD, once known.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>Why the task failed.</summary>
    public ReportedError? Error { get; init; }

    /// <summary>The task this clip continues.</summary>
    public string? ParentTaskId { get; init; }

    /// <summary>When the task was submitted (ISO 8601, UTC).</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Advice about the request that did not block it.</summary>
    public IReadOnlyList<string>? Warnings { get; init; }

    /// <summary>What the model should do next.</summary>
    public required string NextStep { get; init; }
}
