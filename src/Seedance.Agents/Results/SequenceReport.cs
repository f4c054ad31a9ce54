using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Seedance.Agents.Results;

/// <summary>What a tool tells the model about a long video: each shot, the overall progress, the film, and the next step.</summary>
public sealed record SequenceReport
{
    /// <summary>The sequence id (<c>seq_…</c>) to pass to check_task and extend_video.</summary>
    [Description("The sequence id (seq_…): pass it to check_task to follow the film, or to extend_video to continue it.")]
    public required string SequenceId { get; init; }

    /// <summary>running, succeeded, unstitched, failed, stopping or stopped.</summary>
    [Description("Where the long video stands: running (shots render one after another in the background), succeeded (the film is written), "
        + "unstitched (every shot is saved but no film could be written: see stitch_command), failed (a shot failed: see failed_shot and error), "
        + "stopping (stop_long_video was called: no further shot is sent) or stopped (the film holds the shots sent before the stop).")]
    [AllowedValues("running", "succeeded", "unstitched", "failed", "stopping", "stopped")]
    public required string Status { get; init; }

    /// <summary>True once nothing more happens by itself.</summary>
    [Description("True once nothing more happens by itself.")]
    public required bool Done { get; init; }

    /// <summary>Overall progress 0–100, weighted by the shots' lengths.</summary>
    [Description("Overall progress 0-100, weighted by the shots' lengths.")]
    public required int Progress { get; init; }

    /// <summary>How many shots the film has.</summary>
    [Description("How many shots the film has.")]
    public required int ShotCount { get; init; }

    /// <summary>How many shots are rendered and saved.</summary>
    [Description("How many shots are finished.")]
    public required int ShotsDone { get; init; }

    /// <summary>The shots, in order.</summary>
    [Description("The shots, in order.")]
    public required IReadOnlyList<ShotReport> Shots { get; init; }

    /// <summary>The stitched film on this machine, once written.</summary>
    [Description("The stitched film on this machine, once written (on a hosted server: a signed link to it).")]
    public string? FilmPath { get; init; }

    /// <summary>The film's length in seconds.</summary>
    [Description("The film's length in seconds.")]
    public double? FilmDurationSeconds { get; init; }

    /// <summary>stream_copy when the clips matched, re_encode otherwise.</summary>
    [Description("How the clips were joined: stream_copy (they matched) or re_encode.")]
    [AllowedValues("stream_copy", "re_encode")]
    public string? StitchMethod { get; init; }

    /// <summary>The exact command that stitches the saved shots, when the server could not run ffmpeg.</summary>
    [Description("The exact command that stitches the saved shots into the film, when this machine has no ffmpeg.")]
    public string? StitchCommand { get; init; }

    /// <summary>The shot that stopped the chain.</summary>
    [Description("The shot (from 1) that stopped the chain.")]
    public int? FailedShot { get; init; }

    /// <summary>Why the chain stopped, or why there is no film.</summary>
    [Description("Why the chain stopped, or why there is no film.")]
    public ReportedError? Error { get; init; }

    /// <summary>The estimate of every shot together, quoted before the sequence started.</summary>
    [Description("The estimate of all shots together in USD, quoted before the sequence started.")]
    public decimal? EstimatedCostUsd { get; init; }

    /// <summary>What the finished shots were charged.</summary>
    [Description("What the finished shots were charged so far, in USD.")]
    public decimal? CostUsd { get; init; }

    /// <summary>When the sequence was started.</summary>
    [Description("When the sequence was started (ISO 8601).")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Notes that did not stop anything.</summary>
    [Description("Notes that did not stop anything.")]
    public IReadOnlyList<string>? Warnings { get; init; }

    /// <summary>What the model should do next.</summary>
    [Description("What to do next.")]
    public required string NextStep { get; init; }
}
