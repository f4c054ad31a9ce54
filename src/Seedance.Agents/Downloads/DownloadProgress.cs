namespace Seedance.Agents.Downloads;

/// <summary>How far a download has come.</summary>
/// <param name="Bytes">Bytes on disk so far (a resumed download counts what an earlier attempt saved).</param>
/// <param name="Total">The whole file's size, when the server said.</param>
public readonly record struct DownloadProgress(long Bytes, long? Total)
{
    /// <summary>0–100 when the size is known.</summary>
    public int? Percent => Total is > 0 ? (int)Math.Clamp(Bytes * 100 / Total.Value, 0, 100) : null;
}
