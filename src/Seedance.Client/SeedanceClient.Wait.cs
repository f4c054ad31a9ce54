using Seedance.Client.Errors;
using Seedance.Client.Polling;
using Seedance.Client.Tasks;

namespace Seedance.Client;

public partial class SeedanceClient
{
    /// <summary>
    /// Polls a task until it ends (or <see cref="WaitOptions.MaxWait"/> passes), reporting every snapshot to
    /// <paramref name="progress"/>. Returns the last snapshot. Cancelling stops the wait, never the task.
    /// Transient status failures (and unreadable answers, since a read is safe to repeat) are tolerated up to <see cref="PollingOptions.MaxConsecutiveErrors"/> in a row.
    /// </summary>
    public virtual async Task<SeedanceTask> WaitForCompletionAsync(string taskId, WaitOptions? options = null,
        IProgress<SeedanceTask>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        options ??= new WaitOptions();
        var started = _time.GetUtcNow();
        var submittedAt = options.SubmittedAt ?? started;
        DateTimeOffset? deadline = options.MaxWait is { } max ? started + max : null;

        var delay = options.SubmittedAt is null ? TimeSpan.Zero : Schedule.FirstDelay(started - submittedAt);
        SeedanceTask? last = null;
        var errors = 0;
        while (true)
        {
            if (deadline is { } end)
            {
                var left = end - _time.GetUtcNow();
                if (last is not null && left <= TimeSpan.Zero)
                {
                    return last;
                }

                // Always look once more at the deadline rather than return a stale snapshot.
                if (delay > left)
                {
                    delay = left > TimeSpan.Zero ? left : TimeSpan.Zero;
                }
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken);
            }

            try
            {
                last = await GetTaskAsync(taskId, cancellationToken);
                errors = 0;
            }
            catch (SeedanceApiException ex) when ((ex.IsRetryable || ex.Kind == SeedanceErrorKind.InvalidResponse)
                && ++errors < Schedule.Options.MaxConsecutiveErrors)
            {
                Log.StatusFailedWhileWaiting(_logger, taskId, ex.Kind);
                delay = ex.RetryAfter ?? Schedule.Options.MinInterval * errors;
                if (deadline is { } end2 && last is not null && _time.GetUtcNow() + delay > end2)
                {
                    return last;
                }

                continue;
            }

            progress?.Report(last);
            if (last.IsTerminal)
            {
                return last;
            }

            var elapsed = _time.GetUtcNow() - (last.CreatedAt is { } created && created <= _time.GetUtcNow() ? created : submittedAt);
            delay = Schedule.NextDelay(last, elapsed);
        }
    }
}
