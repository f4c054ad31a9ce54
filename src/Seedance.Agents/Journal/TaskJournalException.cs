namespace Seedance.Agents.Journal;

/// <summary>The task journal cannot be used (corrupt file, unwritable folder); says where it is and what to do.</summary>
public sealed class TaskJournalException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TaskJournalException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
