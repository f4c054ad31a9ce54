using Seedance.Agents.Parameters;
using Seedance.Agents.Results;

namespace Seedance.Agents.Tools;

/// <summary>
/// One tool behind every host. <see cref="SeedanceToolset"/> reads the call's JSON arguments through the tool's
/// <see cref="Parameters"/> and refuses bad ones before the tool runs (unless <see cref="ChecksRequest"/>); the tool does its
/// work through the shared collaborators and returns a success outcome. Refusals and provider errors are thrown and turned
/// into error outcomes by the toolset, in one place.
/// </summary>
internal interface ISeedanceTool
{
    /// <summary>The tool name, as in <see cref="ToolNames"/>.</summary>
    string Name { get; }

    /// <summary>The tool's parameter table: its schema, reader and request mapping.</summary>
    ParameterTable Parameters { get; }

    /// <summary>
    /// True when the tool refuses bad arguments itself, together with the problems of the request it makes from them, so
    /// that every problem is listed at once; otherwise the toolset refuses bad arguments before the tool runs.
    /// </summary>
    bool ChecksRequest => false;

    /// <summary>Runs the tool within <paramref name="call"/>'s deadline. Cancellation ends a wait; a task already submitted stays in the journal.</summary>
    Task<ToolOutcome> InvokeAsync(ToolArguments arguments, ToolCall call);
}
