using System.Text.Json;
using Seedance.Agents.Results;

namespace Seedance.Agents.Tools;

/// <summary>
/// One tool behind every host. It reads its JSON arguments through its parameter table, does its work through the
/// shared collaborators, and returns a success outcome; refusals and provider errors are thrown and turned into error
/// outcomes by <see cref="SeedanceToolset"/>, in one place.
/// </summary>
internal interface ISeedanceTool
{
    /// <summary>The tool name, as in <see cref="ToolNames"/>.</summary>
    string Name { get; }

    /// <summary>Runs the tool. Cancellation ends a wait; a task already submitted stays in the journal.</summary>
    Task<ToolOutcome> InvokeAsync(JsonElement arguments, ToolCallContext context, CancellationToken cancellationToken);
}
