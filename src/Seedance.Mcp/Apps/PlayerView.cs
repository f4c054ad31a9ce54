using System.Text.Json.Nodes;

namespace Seedance.Mcp.Apps;

/// <summary>
/// The MCP Apps view (<c>io.modelcontextprotocol/ui</c>) that shows a task's video playing inside the chat: a
/// self-contained HTML page served as a <c>ui://</c> resource, which the tools that make or follow videos point at.
/// </summary>
internal static class PlayerView
{
    /// <summary>The view's resource URI.</summary>
    public const string Uri = "ui://seedance/player.html";

    /// <summary>The MIME type hosts recognise as an Apps view.</summary>
    public const string MimeType = "text/html;profile=mcp-app";

    /// <summary>The tools whose results the view shows.</summary>
    public static readonly IReadOnlySet<string> Tools = new HashSet<string>(StringComparer.Ordinal)
    {
        Seedance.Agents.Tools.ToolNames.GenerateVideo,
        Seedance.Agents.Tools.ToolNames.CheckTask,
        Seedance.Agents.Tools.ToolNames.ExtendVideo,
        Seedance.Agents.Tools.ToolNames.GenerateLongVideo,
    };

    private static readonly Lazy<string> Html = new(() =>
    {
        using var stream = typeof(PlayerView).Assembly.GetManifestResourceStream("Seedance.Mcp.Apps.player.html")
            ?? throw new InvalidOperationException("The player view is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The page.</summary>
    public static string Page => Html.Value;

    /// <summary>
    /// The tool metadata that points a host at the view (and the older flat key, which hosts still read). No
    /// <c>visibility</c>: the default lets both the model and the view call the tool, and the view calls check_task
    /// and extend_video.
    /// </summary>
    public static JsonObject ToolMeta() => new()
    {
        ["ui"] = new JsonObject { ["resourceUri"] = Uri },
        ["ui/resourceUri"] = Uri,
    };

    /// <summary>The resource metadata: the origins the video and its last frame are loaded from (the host's CSP allows only these).</summary>
    public static JsonObject ResourceMeta(IEnumerable<string> mediaOrigins) => new()
    {
        ["ui"] = new JsonObject
        {
            ["csp"] = new JsonObject
            {
                ["resourceDomains"] = new JsonArray(mediaOrigins.Distinct(StringComparer.OrdinalIgnoreCase).Select(o => (JsonNode?)JsonValue.Create(o)).ToArray()),
            },
            ["prefersBorder"] = false,
        },
    };
}
