using Seedance.Agents.Results;

namespace Seedance.Agents.Tools;

/// <summary>A tool call that cannot go on; carries what the model is told.</summary>
internal sealed class ToolFailure(ToolError error) : Exception(error.Error)
{
    public ToolError Error { get; } = error;
}
