namespace Seedance.Agents.Journal;

/// <summary>Where a journaled sequence of shots (a long video) stands.</summary>
public enum SequenceState
{
    /// <summary>Shots are being rendered, saved or stitched in the background.</summary>
    Running,
    /// <summary>Every shot is saved and the film is written.</summary>
    Succeeded,
    /// <summary>Every shot is saved, but no film could be written (no ffmpeg, downloads off, or ffmpeg failed).</summary>
    Unstitched,
    /// <summary>A shot failed (or could not be sent); the chain stopped there.</summary>
    Failed,
    /// <summary>Stopping was asked for: no further shot is sent; the shot already sent is finished and saved, then the shots done are stitched.</summary>
    Stopping,
    /// <summary>Stopped on request: the film holds the shots sent before the stop (the shot count is cut to them); the rest were never sent.</summary>
    Stopped,
}
