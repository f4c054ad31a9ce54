using Seedance.Agents.Results;

namespace Seedance.Agents.Tools;

/// <summary>
/// What one tool call carries besides its arguments: where progress goes, who can confirm a price, the moment by which
/// it must answer, and the caller's cancellation. Every network attempt inside the call is bounded by <see cref="Deadline"/>.
/// </summary>
/// <param name="Progress">Where progress goes, when the host listens.</param>
/// <param name="Approver">Asks the user before a paid call, when the host can.</param>
/// <param name="Started">When the call started.</param>
/// <param name="Deadline">When the call must have answered (the hard limit of every call).</param>
/// <param name="CancellationToken">The caller's cancellation, and the hard limit as a backstop.</param>
internal sealed record ToolCall(IProgress<ToolProgress>? Progress, Spending.IPaidCallApprover? Approver, DateTimeOffset Started, DateTimeOffset Deadline,
    CancellationToken CancellationToken)
{
    /// <summary>The backstop that cancels the call at its deadline, and the clock it runs on (set by the toolset).</summary>
    internal (CancellationTokenSource Limit, TimeProvider Time)? Clock { get; init; }

    /// <summary>The same call with its clock started again now (after the user answered a question, which is not the provider's time).</summary>
    public ToolCall Restarted()
    {
        if (Clock is not { } clock)
        {
            return this;
        }

        var length = Deadline - Started;
        var now = clock.Time.GetUtcNow();
        clock.Limit.CancelAfter(length);
        return this with { Started = now, Deadline = now + length };
    }

    /// <summary>Time kept beyond a requested wait for the work around it (a submit, a status read, saving), within the hard limit.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

    /// <summary>Time kept at the end of a call to build and send its answer.</summary>
    public static readonly TimeSpan AnswerTime = TimeSpan.FromSeconds(2);

    /// <summary>The deadline of a call that waits <paramref name="waitSeconds"/>: the wait plus <see cref="Margin"/>, never past <see cref="Deadline"/>.</summary>
    public DateTimeOffset DeadlineFor(int waitSeconds)
    {
        var wanted = Started + TimeSpan.FromSeconds(waitSeconds) + Margin;
        return wanted < Deadline ? wanted : Deadline;
    }
}
