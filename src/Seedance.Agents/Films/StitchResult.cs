namespace Seedance.Agents.Films;

/// <summary>What became of stitching a sequence's clips: the film, or why there is none and the command that makes it.</summary>
/// <param name="FilmPath">The film, when it was written.</param>
/// <param name="Seconds">Its length as ffprobe read it.</param>
/// <param name="Method"><c>stream_copy</c> or <c>re_encode</c>.</param>
/// <param name="Command">The exact command that stitches the clips, when ffmpeg could not be run here.</param>
/// <param name="Problem">Why there is no film.</param>
internal sealed record StitchResult(string? FilmPath, double? Seconds, string? Method, string? Command, string? Problem)
{
    /// <summary>How the clips were joined when they matched: no re-encoding, no loss.</summary>
    public const string StreamCopy = "stream_copy";

    /// <summary>How the clips were joined when they did not match.</summary>
    public const string ReEncode = "re_encode";
}
