using Microsoft.Extensions.Logging;
using Seedance.Client.Errors;

namespace Seedance.Client;

/// <summary>The client's log messages (source-generated; none of them carries the API key).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Submitted task {TaskId} ({Model}, {Duration} s, {Size}, {Resolution}).")]
    public static partial void Submitted(ILogger logger, string taskId, string model, int duration, string size, string resolution);

    [LoggerMessage(2, LogLevel.Information, "Submit refused with 429; trying again (attempt {Attempt}).")]
    public static partial void SubmitRateLimited(ILogger logger, int attempt);

    [LoggerMessage(3, LogLevel.Warning, "Status of {TaskId} failed ({Kind}); still waiting.")]
    public static partial void StatusFailedWhileWaiting(ILogger logger, string taskId, SeedanceErrorKind kind);
}
