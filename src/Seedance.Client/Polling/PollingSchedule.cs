using Seedance.Client.Tasks;

namespace Seedance.Client.Polling;

/// <summary>
/// Decides when to ask for a task's status next: nothing before the task can plausibly be done, then gaps
/// sized from the remaining time the provider's progress (or its estimate) implies, shrinking near the end.
/// </summary>
public sealed class PollingSchedule
{
    /// <summary>Creates a schedule with the given options (the defaults when null).</summary>
    public PollingSchedule(PollingOptions? options = null)
    {
        Options = options ?? new PollingOptions();
    }

    /// <summary>The options in use.</summary>
    public PollingOptions Options { get; }

    /// <summary>The wait before the first status call, given how long ago the task was submitted.</summary>
    public TimeSpan FirstDelay(TimeSpan sinceSubmit) =>
        sinceSubmit >= Options.InitialDelay ? TimeSpan.Zero : Options.InitialDelay - sinceSubmit;

    /// <summary>The wait before the next status call, after <paramref name="task"/> was seen still running <paramref name="elapsed"/> after submit.</summary>
    public TimeSpan NextDelay(SeedanceTask task, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (elapsed < TimeSpan.Zero)
        {
            elapsed = TimeSpan.Zero;
        }

        // Near the end, the gap is bounded by a share of the time run so far, so detection lag stays a few percent.
        var fine = Clamp(elapsed * Options.LagFraction);
        var remaining = EstimateRemaining(task, elapsed);
        if (remaining is not { } left)
        {
            // Nothing to go on: back off geometrically, at most a fifth of the time run so far.
            return Clamp(elapsed * 0.2);
        }

        // Sleep through most of the remaining time, then poll finely around the expected end.
        return left > fine * 2 ? Clamp(left * 0.8) : fine;
    }

    /// <summary>The remaining time implied by progress (preferred) or by the provider's estimate.</summary>
    public static TimeSpan? EstimateRemaining(SeedanceTask task, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Progress is > 0 and < 100 && elapsed > TimeSpan.Zero)
        {
            var p = task.Progress.Value;
            return elapsed * ((100.0 - p) / p);
        }

        if (task.EstimatedTime is { } estimate)
        {
            var left = estimate - elapsed;
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }

        return null;
    }

    private TimeSpan Clamp(TimeSpan value) =>
        value < Options.MinInterval ? Options.MinInterval : value > Options.MaxInterval ? Options.MaxInterval : value;
}
