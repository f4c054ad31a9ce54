using Microsoft.Extensions.Time.Testing;

namespace Seedance.Testing;

/// <summary>Drives a <see cref="FakeTimeProvider"/> while code under test waits on it (linked into each test project that needs it).</summary>
internal static class FakeClock
{
    /// <summary>Moves <paramref name="time"/> forward in <paramref name="step"/>s until <paramref name="task"/> ends; returns how far it moved.</summary>
    public static async Task<TimeSpan> AdvanceUntilDoneAsync(this FakeTimeProvider time, Task task, TimeSpan step, TimeSpan? limit = null)
    {
        var moved = TimeSpan.Zero;
        var max = limit ?? TimeSpan.FromHours(1);
        while (!task.IsCompleted && moved < max)
        {
            // Let the code under test reach its next timer (or finish an HTTP round trip) before the clock moves.
            await Task.Delay(5);
            if (task.IsCompleted)
            {
                break;
            }

            time.Advance(step);
            moved += step;
        }

        return moved;
    }
}
