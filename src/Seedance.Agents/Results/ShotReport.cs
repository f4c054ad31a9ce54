using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Seedance.Agents.Results;

/// <summary>One shot of a long video: what it shows, its task, where it stands, and its files.</summary>
public sealed record ShotReport
{
    /// <summary>The shot's place in the film, from 1.</summary>
    [Description("The shot's place in the film, from 1.")]
    public required int Shot { get; init; }

    /// <summary>Where the shot stands; <c>waiting</c> until the shot before it is done.</summary>
    [Description("Where the shot stands: waiting (for the shot before it), skipped (the film is being stopped: it is never sent), not_started (the film ended at an earlier shot's failure or the budget: it was never sent), submitting, unconfirmed, queued, running, succeeded, failed or cancelled.")]
    [AllowedValues("waiting", "skipped", "not_started", "submitting", "unconfirmed", "queued", "running", "succeeded", "failed", "cancelled")]
    public required string Status { get; init; }

    /// <summary>The shot's prompt.</summary>
    [Description("What the shot shows.")]
    public string? Prompt { get; init; }

    /// <summary>The shot's length in seconds.</summary>
    [Description("The shot's length in seconds.")]
    public int? Duration { get; init; }

    /// <summary>The provider's task id, once submitted.</summary>
    [Description("The shot's task id, once submitted (check_task and extend_video take it too).")]
    public string? TaskId { get; init; }

    /// <summary>Progress 0–100.</summary>
    [Description("Progress 0-100.")]
    public int? Progress { get; init; }

    /// <summary>The clip's link.</summary>
    [Description("The clip's link (it expires).")]
    public string? VideoUrl { get; init; }

    /// <summary>The saved clip.</summary>
    [Description("The clip saved on this machine (on a hosted server: a signed link to it).")]
    public string? LocalVideoPath { get; init; }

    /// <summary>The clip's last frame, which the next shot starts on.</summary>
    [Description("The clip's last frame (the next shot starts on it): the saved file, or the link.")]
    public string? LastFrame { get; init; }

    /// <summary>The estimate before sending, in USD.</summary>
    [Description("The cost in USD estimated before the shot was sent.")]
    public decimal? EstimatedCostUsd { get; init; }

    /// <summary>The charge, once known.</summary>
    [Description("The cost in USD the provider charged, once known.")]
    public decimal? CostUsd { get; init; }

    /// <summary>Why the shot failed.</summary>
    [Description("Why the shot failed.")]
    public ReportedError? Error { get; init; }
}
