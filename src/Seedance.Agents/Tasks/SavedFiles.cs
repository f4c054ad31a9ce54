namespace Seedance.Agents.Tasks;

/// <summary>The files saved for a task on this machine, and why not when saving failed.</summary>
/// <param name="Video">The saved video, when there is one.</param>
/// <param name="Frame">The saved last frame, when there is one.</param>
/// <param name="Problem">What went wrong while saving, when something did.</param>
internal readonly record struct SavedFiles(string? Video, string? Frame, string? Problem);
