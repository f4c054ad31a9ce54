using Microsoft.SemanticKernel;
using Seedance.Agents.Tools;
using Seedance.Client.Requests;

namespace Seedance.SemanticKernel;

/// <summary>
/// The Seedance tools as a Semantic Kernel plugin: the same names, descriptions, argument names and JSON schemas as
/// the MCP tools, because both come from the one <see cref="SeedanceToolset"/>. Nothing host-specific (progress,
/// cancellation) is in the schema the model sees; invalid arguments and provider errors come back as a structured
/// result the model can correct from, so a bad call never ends the chat turn.
/// </summary>
public static class SeedancePlugin
{
    /// <summary>The plugin name used when none is given.</summary>
    public const string DefaultName = "seedance";

    /// <summary>What the plugin is for, shown to people browsing plugins.</summary>
    public static string Description { get; } = $"Makes short videos ({ModelLimits.ShotDurations(ModelLimits.Shipped)} s) with ByteDance Seedance: generate (paid), check with the finished file, "
        + "extend from the last frame, list recent tasks.";

    /// <summary>Creates the plugin over <paramref name="toolset"/>.</summary>
    public static KernelPlugin Create(SeedanceToolset toolset, string pluginName = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(toolset);
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginName);
        return KernelPluginFactory.CreateFromFunctions(pluginName, Description, toolset.Functions.Select(f => f.AsKernelFunction()));
    }
}
