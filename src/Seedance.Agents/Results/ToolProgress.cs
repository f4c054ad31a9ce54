namespace Seedance.Agents.Results;

/// <summary>A progress report while a tool waits: the provider's progress (0–100) and a short message.</summary>
/// <param name="Progress">0 to 100.</param>
/// <param name="Message">What is happening, for a person.</param>
public readonly record struct ToolProgress(double Progress, string Message);
