namespace Seedance.Agents.Journal;

/// <summary>One long video as the journal remembers it: its plan, where the chain stands, and the film. Its shots are task entries.</summary>
public sealed record SequenceEntry
{
    /// <summary>The sequence id (<c>seq_…</c>).</summary>
    public required string SequenceId { get; init; }

    /// <summary>When the sequence was started.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When this entry last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The request of every planned shot, as a JSON array of bodies; shots after the first get their first frame when they start.</summary>
    public required string PlanJson { get; init; }

    /// <summary>How many shots the sequence has (more than the plan once extend_video continued it).</summary>
    public required int ShotCount { get; init; }

    /// <summary>Where the sequence stands.</summary>
    public required SequenceState State { get; init; }

    /// <summary>The stitched film, once written.</summary>
    public string? FilmPath { get; init; }

    /// <summary>The film's length in seconds, as ffprobe read it.</summary>
    public double? FilmSeconds { get; init; }

    /// <summary>How the film was joined: <c>stream_copy</c> or <c>re_encode</c>.</summary>
    public string? StitchMethod { get; init; }

    /// <summary>The command that stitches the saved shots, when the server could not run it itself.</summary>
    public string? StitchCommand { get; init; }

    /// <summary>The shot (1-based) that stopped the chain, when one did.</summary>
    public int? FailedShot { get; init; }

    /// <summary>Why the chain stopped or the film is missing.</summary>
    public string? Problem { get; init; }

    /// <summary>The estimate of the whole sequence in USD quoted before it started, when every shot had a price.</summary>
    public decimal? EstimatedCost { get; init; }

    /// <summary>What the whole film holds against the daily budget while it runs; what its shots did not spend is released when it ends.</summary>
    public decimal? ReservedCost { get; init; }
}
