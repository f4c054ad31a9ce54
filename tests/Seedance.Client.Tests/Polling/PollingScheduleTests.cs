using Seedance.Client.Polling;
using Seedance.Client.Tasks;

namespace Seedance.Client.Tests.Polling;

public sealed class PollingScheduleTests
{
    private static readonly PollingSchedule Schedule = new();

    private static SeedanceTask Running(int? progress = null, int? estimated = null) => new()
    {
        Id = "t",
        State = SeedanceTaskState.Running,
        Progress = progress,
        EstimatedTime = estimated is null ? null : TimeSpan.FromSeconds(estimated.Value),
    };

    [Fact]
    public void FirstDelay_JustSubmitted_WaitsInitialDelay() => Assert.Equal(TimeSpan.FromSeconds(15), Schedule.FirstDelay(TimeSpan.Zero));

    [Fact]
    public void FirstDelay_SubmittedLongAgo_PollsNow() => Assert.Equal(TimeSpan.Zero, Schedule.FirstDelay(TimeSpan.FromMinutes(3)));

    [Fact]
    public void NextDelay_EarlyWithLittleProgress_SleepsLong() =>
        Assert.Equal(TimeSpan.FromSeconds(30), Schedule.NextDelay(Running(progress: 10), TimeSpan.FromSeconds(20)));

    [Fact]
    public void NextDelay_NearTheEnd_PollsFinely()
    {
        var delay = Schedule.NextDelay(Running(progress: 97), TimeSpan.FromSeconds(120));

        Assert.True(delay <= TimeSpan.FromSeconds(6), $"{delay}");
        Assert.True(delay >= TimeSpan.FromSeconds(3), $"{delay}");
    }

    [Fact]
    public void NextDelay_OnlyEstimate_UsesIt()
    {
        var delay = Schedule.NextDelay(Running(estimated: 60), TimeSpan.FromSeconds(40));

        Assert.Equal(TimeSpan.FromSeconds(16), delay);
    }

    [Fact]
    public void NextDelay_NothingKnown_BacksOffWithTime()
    {
        var early = Schedule.NextDelay(Running(), TimeSpan.FromSeconds(20));
        var late = Schedule.NextDelay(Running(), TimeSpan.FromSeconds(100));

        Assert.Equal(TimeSpan.FromSeconds(4), early);
        Assert.Equal(TimeSpan.FromSeconds(20), late);
    }

    [Fact]
    public void NextDelay_NeverBelowMinNorAboveMax()
    {
        for (var progress = 0; progress < 100; progress += 7)
        {
            for (var seconds = 0; seconds < 900; seconds += 37)
            {
                var delay = Schedule.NextDelay(Running(progress), TimeSpan.FromSeconds(seconds));
                Assert.InRange(delay, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30));
            }
        }
    }
}
