using Microsoft.Extensions.Logging;

namespace Seedance.Agents.Models;

/// <summary>The refresh's log lines (source-generated; never the key: provider messages are redacted by the client).</summary>
internal static partial class ModelFactsLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "The provider's model facts differ from the shipped catalogue; the provider's are used: {Difference}")]
    public static partial void Differs(ILogger logger, string difference);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "The provider's model facts could not be read; the shipped or cached facts stay in force: {Problem}")]
    public static partial void NotRead(ILogger logger, string problem);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "The cached model facts in the journal could not be used: {Problem}")]
    public static partial void CacheUnreadable(ILogger logger, string problem);
}
