namespace Seedance.Agents.Downloads;

/// <summary>What a saved file must be; the downloader checks its content before it counts as saved.</summary>
public enum SavedFileKind
{
    /// <summary>An MP4/MOV (ISO base media) video.</summary>
    Video,

    /// <summary>A PNG, JPEG, WebP or GIF image.</summary>
    Image,
}
