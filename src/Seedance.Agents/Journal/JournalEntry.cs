namespace Seedance.Agents.Journal;

/// <summary>One task as the journal remembers it. Holds no secret.</summary>
public sealed record JournalEntry
{
    /// <summary>The provider's task id, or <c>unconfirmed-…</c> for a submit whose outcome is unknown.</summary>
    public required string TaskId { get; init; }

    /// <summary>When the task was submitted.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When this entry last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The task this one extends, for chains made with extend_video.</summary>
    public string? ParentTaskId { get; init; }

    /// <summary>The request body as sent (JSON), or <c>{}</c> when the task was not made here.</summary>
    public required string RequestJson { get; init; }

    /// <summary>The model asked for.</summary>
    public string? Model { get; init; }

    /// <summary>The prompt asked for.</summary>
    public string? Prompt { get; init; }

    /// <summary>Where the task stands.</summary>
    public required JournalState State { get; init; }

    /// <summary>The provider's own status word.</summary>
    public string? ProviderStatus { get; init; }

    /// <summary>Progress 0–100.</summary>
    public int? Progress { get; init; }

    /// <summary>The result video's URL.</summary>
    public string? VideoUrl { get; init; }

    /// <summary>When the provider's URLs stop working.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The last frame's URL.</summary>
    public string? LastFrameUrl { get; init; }

    /// <summary>The cost in USD.</summary>
    public decimal? Cost { get; init; }

    /// <summary>The provider's error code, for failed tasks.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The provider's error message, or why a submit is unconfirmed.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The downloaded video.</summary>
    public string? LocalVideoPath { get; init; }

    /// <summary>The downloaded last frame.</summary>
    public string? LocalLastFramePath { get; init; }

    /// <summary>The <c>Idempotency-Key</c> the submit was sent with; sending the identical body with it again cannot create a second task.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The cost in USD estimated before the submit was sent, when there was an estimate.</summary>
    public decimal? EstimatedCost { get; init; }

    /// <summary>What the submit counts against the daily budget until its charge is known (the estimate, or with none the highest known rate × length).</summary>
    public decimal? ReservedCost { get; init; }

    /// <summary>Where the estimate came from: <c>price_table</c>, <c>configured</c>, <c>observed</c> or <c>none</c>.</summary>
    public string? EstimateSource { get; init; }

    /// <summary>How the estimate was made, in words (seconds, rate, resolution, source).</summary>
    public string? EstimateBasis { get; init; }

    /// <summary>The long video (<c>seq_…</c>) this task is a shot of, if any.</summary>
    public string? SequenceId { get; init; }

    /// <summary>Which shot of <see cref="SequenceId"/> this task is, from 1.</summary>
    public int? Shot { get; init; }
}
