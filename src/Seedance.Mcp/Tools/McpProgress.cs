using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Seedance.Agents.Results;

namespace Seedance.Mcp.Tools;

/// <summary>
/// Forwards tool progress as MCP <c>notifications/progress</c>, in order, with a value that always grows (the protocol
/// asks for that, and heartbeats repeat the provider's progress), never reaching 100 before the task is done.
/// </summary>
internal sealed class McpProgress(McpServer server, ProgressToken token) : IProgress<ToolProgress>
{
    private readonly Lock _gate = new();
    private Task _pending = Task.CompletedTask;
    private double _last = -1;

    public void Report(ToolProgress value)
    {
        lock (_gate)
        {
            var progress = value.Progress >= 100 ? 100 : Math.Min(99.9, Math.Max(value.Progress, _last + 0.01));
            if (progress <= _last)
            {
                return;
            }

            _last = progress;
            var notification = new ProgressNotificationValue { Progress = (float)Math.Round(progress, 2), Total = 100, Message = value.Message };
            _pending = _pending.ContinueWith(_ => server.NotifyProgressAsync(token, notification),
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    /// <summary>Waits until every notification is sent, so none arrives after the result.</summary>
    public async Task FlushAsync()
    {
        Task pending;
        lock (_gate)
        {
            pending = _pending;
        }

        try
        {
            await pending;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // A client that went away does not need its progress.
        }
    }
}
