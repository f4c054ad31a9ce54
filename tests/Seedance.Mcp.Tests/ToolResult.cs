using System.Text.Json.Nodes;

namespace Seedance.Mcp.Tests;

/// <summary>Reading a raw <c>tools/call</c> result from the server process.</summary>
internal static class ToolResult
{
    /// <summary>Every text block, joined (resource links and other blocks without text are skipped).</summary>
    public static string Text(JsonNode result) =>
        string.Join(" ", result["content"]!.AsArray().Select(c => c!["text"]?.GetValue<string>()).OfType<string>());

    /// <summary>True when the result is marked as an error.</summary>
    public static bool IsError(JsonNode result) => result["isError"]?.GetValue<bool>() == true;
}
