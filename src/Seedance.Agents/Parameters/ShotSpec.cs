namespace Seedance.Agents.Parameters;

/// <summary>One shot of a long video as given: what it shows and, when given, how long it is.</summary>
/// <param name="Prompt">What the shot shows.</param>
/// <param name="Duration">Its length in seconds, when given (the shot default otherwise).</param>
internal sealed record ShotSpec(string Prompt, int? Duration);
