using Microsoft.Extensions.Logging;

namespace Seedance.Mcp.Hosting;

/// <summary>The server's own log messages (stderr only; none carries the key).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Sandbox mode: the local sandbox at {Url} stands in for the API (no key, no cost).")]
    public static partial void SandboxStarted(ILogger logger, Uri url);

    [LoggerMessage(2, LogLevel.Warning, "No SEEDANCE_API_KEY is set: tools that call the API will say how to set it. Use --sandbox to try without a key.")]
    public static partial void NoApiKey(ILogger logger);
}
