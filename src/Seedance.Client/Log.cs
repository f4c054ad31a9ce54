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

    [LoggerMessage(4, LogLevel.Warning, "Submit outcome unsure ({Reason}); sending the identical request with the same idempotency key (attempt {Attempt} of {MaxAttempts}).")]
    public static partial void ReplayingSubmit(ILogger logger, int attempt, int maxAttempts, string reason);

    [LoggerMessage(5, LogLevel.Information, "Submit answered by the provider's replay of an earlier attempt: task {TaskId}.")]
    public static partial void SubmitReplayed(ILogger logger, string taskId);
}
