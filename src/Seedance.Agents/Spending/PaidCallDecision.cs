namespace Seedance.Agents.Spending;

/// <summary>What the user answered when asked to confirm a paid call.</summary>
public enum PaidCallDecision
{
    /// <summary>Go ahead: send the request.</summary>
    Approved,

    /// <summary>The user said no: nothing is sent.</summary>
    Declined,

    /// <summary>The user dismissed the question: nothing is sent.</summary>
    Cancelled,

    /// <summary>Asking failed (the client answered the question with an error): nothing is sent.</summary>
    Failed,

    /// <summary>The host could not ask after all (for example, its transport cannot carry the question): nothing is sent, and the call answers confirmation_required with a quote.</summary>
    Unavailable,

    /// <summary>
    /// The answer came after the call had to give the question up (its deadline less what the submit needs), for example a
    /// multi round-trip answer sent long after the question: nothing is sent, and the call says the confirmation is still open.
    /// </summary>
    Late,
}
