using System.Text.Json;

namespace Seedance.Agents.Results;

/// <summary>The answer of a tool call for any host: structured content, a one-paragraph text, and whether it is an error.</summary>
/// <param name="IsError">True when the call did not do what was asked.</param>
/// <param name="Structured">A <see cref="TaskReport"/>, <see cref="TaskListReport"/> or <see cref="ToolError"/> as JSON.</param>
/// <param name="Text">A paragraph for the model.</param>
public sealed record ToolOutcome(bool IsError, JsonElement Structured, string Text);
