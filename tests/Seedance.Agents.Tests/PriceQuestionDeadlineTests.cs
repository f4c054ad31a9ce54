using Seedance.Agents.Spending;

using static Seedance.Agents.Tests.PriceQuestionTests;

namespace Seedance.Agents.Tests;

/// <summary>
/// The person's time is part of the one call deadline: a question never answered, a yes after the call gave it up, a yes
/// late but in time (on a fake clock; a class of its own so these step-by-step clock runs go beside the others).
/// </summary>
public sealed class PriceQuestionDeadlineTests
{
    [Fact]
    public async Task GenerateVideo_QuestionNeverAnswered_EndsBeforeTheLimitSayingNothingWasSent()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.ConfirmAboveUsd = AgentFixture.ConfirmAt);
        var approver = new ScriptedApprover(async (_, token) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return PaidCallDecision.Approved;
        });

        var (outcome, took) = await CallAdvancingAsync(f, """{"prompt": "a cat", "duration": 10, "wait": 30}""", approver);

        Assert.True(outcome.IsError);
        Assert.Equal("confirmation_open", outcome.Str("kind"));
        Assert.False(outcome.Structured.GetProperty("charged").GetBoolean());
        Assert.Contains("nothing was sent", outcome.Str("error"), StringComparison.Ordinal);
        Assert.DoesNotContain("may have been created", outcome.Text, StringComparison.Ordinal);
        Assert.True(took < TimeSpan.FromSeconds(55), $"took {took}");
        Assert.Equal(0, f.Sandbox.Counters.SubmitsReceived);
        Assert.Empty(await f.Journal.ListAsync(10));
    }

    [Fact]
    public async Task GenerateVideo_YesAfterTheCallStoppedWaiting_SendsNothing()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.ConfirmAboveUsd = AgentFixture.ConfirmAt);

        // An approver that ignores its token and says yes at 50 s, after the call had to give up the question.
        var approver = new ScriptedApprover(async (_, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(50), f.Time, CancellationToken.None);
            return PaidCallDecision.Approved;
        });

        var (outcome, _) = await CallAdvancingAsync(f, TenSeconds, approver);
        f.Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal("confirmation_open", outcome.Str("kind"));
        Assert.Equal(0, f.Sandbox.Counters.SubmitsReceived);
        Assert.Empty(await f.Journal.ListAsync(10));
    }

    [Fact]
    public async Task GenerateVideo_YesAfter40SecondsWithWait30_AnswersWithinTheLimitWithTheOneTask()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.ConfirmAboveUsd = AgentFixture.ConfirmAt);
        var approver = new ScriptedApprover(async (_, token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(40), f.Time, token);
            return PaidCallDecision.Approved;
        });

        var (outcome, took) = await CallAdvancingAsync(f, """{"prompt": "a cat", "duration": 10, "wait": 30}""", approver);

        Assert.False(outcome.IsError, outcome.Text);
        Assert.StartsWith("task_", outcome.Str("task_id"), StringComparison.Ordinal);
        Assert.True(took <= TimeSpan.FromSeconds(55), $"took {took}");
        Assert.Equal(1, f.Sandbox.Counters.SubmitsReceived);
    }
}
