using Seedance.Agents.Results;

namespace Seedance.Agents.Tools;

/// <summary>
/// What one tool call carries besides its arguments: where progress goes, who can confirm a price, the moment by which
/// it must answer, and the caller's cancellation. Every network attempt inside the call is bounded by <see cref="Deadline"/>,
/// and so is the person's time to answer a price question: the deadline never moves.
/// </summary>
/// <param name="Progress">Where progress goes, when the host listens.</param>
/// <param name="Approver">Asks the user before a paid call, when the host can.</param>
/// <param name="Started">When the call started.</param>
/// <param name="Deadline">When the call must have answered (the hard limit of every call).</param>
/// <param name="CancellationToken">The caller's cancellation, and the hard limit as a backstop.</param>
internal sealed record ToolCall(IProgress<ToolProgress>? Progress, Spending.IPaidCallApprover? Approver, DateTimeOffset Started, DateTimeOffset Deadline,
    CancellationToken CancellationToken)
{
    /// <summary>Set when this call begins sending a paid request; shared by every copy of the call.</summary>
    public PaidSendMark Sending { get; init; } = new();

    /// <summary>When the user answered a price question in this call, if asked; a requested wait is counted from then, still within <see cref="Deadline"/>.</summary>
    public DateTimeOffset? Answered { get; init; }

    /// <summary>Time kept beyond a requested wait for the work around it (a submit, a status read, saving), within the hard limit.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

    /// <summary>Time kept at the end of a call to build and send its answer.</summary>
    public static readonly TimeSpan AnswerTime = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Time kept after a price question for the submit and the answer: the question is given up (and nothing sent) when
    /// the user has not answered this long before <see cref="Deadline"/>.
    /// </summary>
    public static readonly TimeSpan SubmitReserve = TimeSpan.FromSeconds(8);

    /// <summary>
    /// The deadline of a call that waits <paramref name="waitSeconds"/>: the wait (from the start, or from the user's answer)
    /// plus <see cref="Margin"/>, never past <see cref="Deadline"/>.
    /// </summary>
    public DateTimeOffset DeadlineFor(int waitSeconds)
    {
        var wanted = (Answered ?? Started) + TimeSpan.FromSeconds(waitSeconds) + Margin;
        return wanted < Deadline ? wanted : Deadline;
    }
}
