namespace Seedance.Client.Polling;

/// <summary>Per-call settings of a wait.</summary>
public sealed record WaitOptions
{
    /// <summary>When the task was submitted; the first status call waits for the schedule's initial delay from then. Null: poll at once.</summary>
    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>The longest this wait may take; it then returns the last snapshot, still running. Null: until the task ends.</summary>
    public TimeSpan? MaxWait { get; init; }
}
