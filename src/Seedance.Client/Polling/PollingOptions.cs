namespace Seedance.Client.Polling;

/// <summary>How <see cref="SeedanceClient.WaitForCompletionAsync"/> spaces its status calls.</summary>
public sealed class PollingOptions
{
    /// <summary>No status call is made sooner than this after submit (the provider suggests 10–20 s).</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The shortest gap between two status calls.</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The longest gap between two status calls.</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Near the expected end, the gap is at most this share of the time the task has run (keeps detection lag small).</summary>
    public double LagFraction { get; set; } = 0.05;

    /// <summary>How many failed status calls in a row end the wait with the last error.</summary>
    public int MaxConsecutiveErrors { get; set; } = 5;

    internal IEnumerable<string> Validate()
    {
        if (InitialDelay < TimeSpan.Zero)
        {
            yield return $"Seedance:Polling:InitialDelay must not be negative; given: {InitialDelay}.";
        }

        if (MinInterval <= TimeSpan.Zero || MaxInterval < MinInterval)
        {
            yield return $"Seedance:Polling:MinInterval must be positive and at most MaxInterval; given: {MinInterval} and {MaxInterval}.";
        }

        if (LagFraction is <= 0 or > 1)
        {
            yield return $"Seedance:Polling:LagFraction must be above 0 and at most 1; given: {LagFraction}.";
        }

        if (MaxConsecutiveErrors < 1)
        {
            yield return $"Seedance:Polling:MaxConsecutiveErrors must be at least 1; given: {MaxConsecutiveErrors}.";
        }
    }
}
