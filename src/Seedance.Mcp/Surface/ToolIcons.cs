using ModelContextProtocol.Protocol;

namespace Seedance.Mcp.Surface;

/// <summary>Small SVG icons for the tools, as data URIs (nothing is fetched from elsewhere).</summary>
internal static class ToolIcons
{
    // A film frame with a play mark; one shape, tinted per kind of tool.
    private static string Svg(string colour) =>
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'><rect x='2' y='4' width='20' height='16' rx='3' fill='" + colour + "'/>"
        + "<path d='M10 8.5v7l6-3.5z' fill='white'/></svg>";

    public static IList<Icon> For(string tool) =>
    [
        new Icon
        {
            Source = "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Svg(tool switch
            {
                "generate_video" or "extend_video" or "generate_long_video" => "#7c3aed",
                "get_balance" => "#0f766e",
                "stop_long_video" => "#b91c1c",
                _ => "#2563eb",
            }))),
            MimeType = "image/svg+xml",
            Sizes = ["any"],
        },
    ];
}
