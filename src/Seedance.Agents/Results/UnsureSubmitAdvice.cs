namespace Seedance.Agents.Results;

/// <summary>
/// What to do about a submit whose outcome is not known, said once for every path that meets one (a send that got no answer,
/// a call cut off while sending, an unconfirmed entry reported later): never send it anew, settle it with check_task.
/// </summary>
internal static class UnsureSubmitAdvice
{
    /// <summary>The next step, naming the unconfirmed entry's id when it is known.</summary>
    public static string For(string? taskId) =>
        "Do NOT call the tool again for it: that could pay twice. Call check_task with "
        + (taskId is null ? "its task_id (list_tasks shows it as unconfirmed)" : $"task_id \"{taskId}\"")
        + ", which settles it by sending the identical request again (the provider answers with the task it already made, never a second one).";
}
