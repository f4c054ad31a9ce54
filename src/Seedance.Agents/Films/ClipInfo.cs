namespace Seedance.Agents.Films;

/// <summary>What ffprobe says about one clip: enough to tell whether clips can be joined without re-encoding.</summary>
internal sealed record ClipInfo(string? VideoCodec, int Width, int Height, string? PixelFormat, string? FrameRate, string? AudioCodec, int? SampleRate,
    int? Channels, double? Seconds)
{
    /// <summary>True when the concat demuxer can join the two with stream copy.</summary>
    public bool Matches(ClipInfo other) =>
        VideoCodec == other.VideoCodec && Width == other.Width && Height == other.Height && PixelFormat == other.PixelFormat
        && FrameRate == other.FrameRate && AudioCodec == other.AudioCodec && SampleRate == other.SampleRate && Channels == other.Channels;
}
