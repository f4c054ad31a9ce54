using Seedance.Client.Models;

namespace Seedance.Agents.Tools;

/// <summary>
/// The tool definitions for a model catalogue, in a stable order, without building anything else (the MCP server lists
/// them before the first call). Each tool defines itself from its parameter table; model names and limits come from
/// the catalogue, so a model added in configuration shows up in the schemas and descriptions.
/// </summary>
public static class ToolCatalog
{
    /// <summary>generate_video, check_task, extend_video, list_tasks, get_balance, generate_long_video, stop_long_video, list_models for <paramref name="catalog"/>.</summary>
    public static IReadOnlyList<SeedanceToolDefinition> Create(ModelCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return
        [
            GenerateVideoTool.Define(catalog),
            CheckTaskTool.Define(catalog),
            ExtendVideoTool.Define(catalog),
            ListTasksTool.Define(catalog),
            GetBalanceTool.Define(catalog),
            GenerateLongVideoTool.Define(catalog),
            StopLongVideoTool.Define(catalog),
            ListModelsTool.Define(catalog),
        ];
    }
}
