using Seedance.Client.Requests;
using Seedance.Client.Tasks;

namespace Seedance.Sandbox.Tasks;

/// <summary>A task the sandbox accepted; its state follows from the clock.</summary>
internal sealed record SandboxTask
{
    public required string Id { get; init; }
    public required VideoGenerationRequest Request { get; init; }
    public required string RawBody { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required TimeSpan Duration { get; init; }
    public required TimeSpan QueueTime { get; init; }
    public required TimeSpan EstimatedTime { get; init; }
    public required decimal Cost { get; init; }
    public bool WillFail { get; init; }

    /// <summary>The account that created the task (a hash of its token) when the sandbox accepts any token; null otherwise.</summary>
    public string? Account { get; init; }

    /// <summary>The failed task's error message, when a fault chose one.</summary>
    public string? FailureMessage { get; init; }

    /// <summary>This task, failed now (at <paramref name="now"/>) with <paramref name="message"/>.</summary>
    public SandboxTask FailedAt(DateTimeOffset now, string message)
    {
        var ran = now > CreatedAt ? now - CreatedAt : TimeSpan.Zero;
        var duration = ran < Duration ? ran : Duration;
        return this with
        {
            WillFail = true,
            FailureMessage = message,
            Duration = duration,
            QueueTime = QueueTime < duration ? QueueTime : duration,
        };
    }

    public DateTimeOffset CompletesAt => CreatedAt + Duration;

    public bool IsEndedAt(DateTimeOffset now) => now >= CompletesAt;

    public SeedanceTaskState StateAt(DateTimeOffset now) =>
        now >= CompletesAt ? (WillFail ? SeedanceTaskState.Failed : SeedanceTaskState.Succeeded)
        : now >= CreatedAt + QueueTime ? SeedanceTaskState.Running
        : SeedanceTaskState.Queued;

    public int ProgressAt(DateTimeOffset now)
    {
        if (now >= CompletesAt)
        {
            return !WillFail ? 100 : Duration > TimeSpan.Zero ? (int)Math.Min(99, 100 * (QueueTime / Duration) + 40) : 0;
        }

        var running = Duration - QueueTime;
        if (now < CreatedAt + QueueTime || running <= TimeSpan.Zero)
        {
            return 0;
        }

        return (int)Math.Clamp(100 * ((now - CreatedAt - QueueTime) / running), 0, 99);
    }
}
