namespace Seedance.Agents.Tools;

/// <summary>
/// Whether a call has begun sending a paid request (the journal entry, then the POST). Shared by every copy of one
/// <see cref="ToolCall"/>, so a call cut off by its time limit can say truthfully whether anything was sent: before this
/// is set (a price question left open, a slow upload) nothing was, and the answer must not suggest a task may exist.
/// </summary>
internal sealed class PaidSendMark
{
    private int _started;

    /// <summary>True once <see cref="Start"/> was called.</summary>
    public bool Started => Volatile.Read(ref _started) == 1;

    /// <summary>Marks that the paid request is about to be journaled and sent.</summary>
    public void Start() => Volatile.Write(ref _started, 1);
}
