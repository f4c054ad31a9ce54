namespace Seedance.Agents.Tasks;

/// <summary>What became of an unsettled submit when it was sent again.</summary>
internal enum RecoveryOutcome
{
    /// <summary>The provider answered with the task: the journal now holds it under its id.</summary>
    Confirmed,

    /// <summary>The provider refused the request: nothing was created (the entry is failed).</summary>
    Refused,

    /// <summary>Still not known (the provider did not answer, or replay is off, or the entry is being sent right now).</summary>
    StillUnknown,

    /// <summary>Older than the recovery window: only the provider's dashboard can tell.</summary>
    TooOld,
}
