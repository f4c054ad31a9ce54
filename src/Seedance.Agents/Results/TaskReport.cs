using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
namespace Seedance.Agents.Results;

/// <summary>What a tool tells the model about one task: state, links, local files, cost, errors and the next step.</summary>
public sealed record TaskReport
{
    /// <summary>The task id to pass to check_task and extend_video.</summary>
    [Description("The task id.")]
    public required string TaskId { get; init; }

    /// <summary>queued, running, succeeded, failed, cancelled, unconfirmed or submitting.</summary>
    [Description("Where the task stands.")]
    [AllowedValues("submitting", "unconfirmed", "queued", "running", "succeeded", "failed", "cancelled")]
    public required string Status { get; init; }

    /// <summary>True once the task can no longer change.</summary>
    [Description("True once the task can no longer change.")]
    public required bool Done { get; init; }

    /// <summary>Progress 0–100, when known.</summary>
    [Description("Progress 0-100.")]
    public int? Progress { get; init; }

    /// <summary>The provider's own status word.</summary>
    [Description("The provider's own status word.")]
    public string? ProviderStatus { get; init; }

    /// <summary>The model used.</summary>
    [Description("The model used.")]
    public string? Model { get; init; }

    /// <summary>The prompt used.</summary>
    [Description("The prompt used.")]
    public string? Prompt { get; init; }

    /// <summary>The result video's link.</summary>
    [Description("The video link (it expires at video_expires_at).")]
    public string? VideoUrl { get; init; }

    /// <summary>When the provider's links stop working (ISO 8601, UTC).</summary>
    [Description("When the links expire (ISO 8601).")]
    public DateTimeOffset? VideoExpiresAt { get; init; }

    /// <summary>The last frame's link (to continue the clip).</summary>
    [Description("The last frame's link.")]
    public string? LastFrameUrl { get; init; }

    /// <summary>Where the video was saved on this machine.</summary>
    [Description("The downloaded video on this machine (on a hosted server: a signed link to it, valid 7 days).")]
    public string? LocalVideoPath { get; init; }

    /// <summary>Where the last frame was saved on this machine.</summary>
    [Description("The downloaded last frame on this machine (on a hosted server: a signed link to it).")]
    public string? LocalLastFramePath { get; init; }

    /// <summary>Why a download did not happen, when it failed.</summary>
    [Description("Saving the finished video on this machine: saving, saved or failed.")]
    [AllowedValues("saving", "saved", "failed")]
    public string? SaveStatus { get; init; }

    /// <summary>How much of the video is on disk while it is being saved.</summary>
    [Description("While saving: how much of the video is on disk, 0-100.")]
    public int? SavePercent { get; init; }

    /// <summary>Why the download failed.</summary>
    [Description("Why the download failed.")]
    public string? DownloadError { get; init; }

    /// <summary>The cost in USD the provider charged, once known.</summary>
    [Description("The cost in USD the provider charged, once known.")]
    public decimal? CostUsd { get; init; }

    /// <summary>The cost in USD estimated before the request was sent; absent when no price was known.</summary>
    [Description("The cost in USD estimated before the request was sent; absent when no price is known.")]
    public decimal? EstimatedCostUsd { get; init; }

    /// <summary>Where the estimate came from: price_table, configured, observed or none.</summary>
    [Description("Where the estimate came from: price_table (published prices), configured, observed (learnt from real charges) or none.")]
    [AllowedValues("price_table", "configured", "observed", "none")]
    public string? EstimateSource { get; init; }

    /// <summary>How the estimate was worked out, in words.</summary>
    [Description("How the estimate was worked out.")]
    public string? EstimateBasis { get; init; }

    /// <summary>Why the task failed.</summary>
    [Description("Why the task failed.")]
    public ReportedError? Error { get; init; }

    /// <summary>The task this clip continues.</summary>
    [Description("The clip this one continues.")]
    public string? ParentTaskId { get; init; }

    /// <summary>The long video this task is a shot of.</summary>
    [Description("The long video (seq_…) this task is a shot of.")]
    public string? SequenceId { get; init; }

    /// <summary>Which shot of <see cref="SequenceId"/> this is, from 1.</summary>
    [Description("Which shot of sequence_id this is, from 1.")]
    public int? Shot { get; init; }

    /// <summary>When the task was submitted (ISO 8601, UTC).</summary>
    [Description("When the task was submitted (ISO 8601).")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Advice about the request that did not block it.</summary>
    [Description("Advice that did not block the request.")]
    public IReadOnlyList<string>? Warnings { get; init; }

    /// <summary>What the model should do next.</summary>
    [Description("What to do next.")]
    public required string NextStep { get; init; }
}
