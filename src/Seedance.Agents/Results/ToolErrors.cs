using System.Globalization;
using Seedance.Agents.Journal;
using Seedance.Client.Errors;

namespace Seedance.Agents.Results;

/// <summary>What a provider or journal failure means for the model, and what it should do next.</summary>
internal static class ToolErrors
{
    /// <summary>The error for <paramref name="ex"/> in tool <paramref name="tool"/>; <paramref name="submits"/> says whether the tool starts paid work.</summary>
    public static ToolError For(string tool, bool submits, SeedanceApiException ex)
    {
        var retryAfter = ex.RetryAfter is { } wait ? $"{Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture)} seconds" : "a few seconds";
        var (kind, next, charged) = ex.Kind switch
        {
            SeedanceErrorKind.Authentication => ("authentication", "The API key is missing or wrong. Tell the user to set SEEDANCE_API_KEY "
                + "(keys are at https://apimart.ai/keys) and restart the server, or to start the MCP server with --sandbox to try it without "
                + "a key. Do not retry until then.", false),
            SeedanceErrorKind.PaymentRequired => ("payment_required", "The account's balance is used up. Tell the user to top up at "
                + "https://apimart.ai, then call the tool again.", false),
            SeedanceErrorKind.PermissionDenied => ("permission_denied", "The API key may not do this. Tell the user to check the key's permissions.", false),
            SeedanceErrorKind.RateLimited when submits => ("rate_limited", $"The provider is busy; nothing was created. Wait {retryAfter}, "
                + $"then call {tool} again.", false),
            SeedanceErrorKind.RateLimited => ("rate_limited", $"The provider is busy. Wait {retryAfter}, then call check_task again "
                + "(do not call generate_video: the task already exists).", false),
            SeedanceErrorKind.SubmitOutcomeUnknown => ("submit_unconfirmed", "The task may have been created and charged. It is recorded "
                + "in list_tasks as unconfirmed. " + UnsureSubmitAdvice.For(taskId: null), true),
            SeedanceErrorKind.TaskNotFound => ("unknown_task", "Check the task_id; list_tasks shows the ids of recent tasks.", false),
            SeedanceErrorKind.InvalidRequest => ("rejected", $"The provider refused the request; nothing was charged. Change the arguments "
                + $"as its message says and call {tool} again.", false),
            _ when submits => ("provider_unavailable", $"The provider could not be reached; nothing was created. Wait {retryAfter} and call {tool} again.", false),
            _ => ("provider_unavailable", $"This is usually temporary. Wait {retryAfter} and call {tool} again.", false),
        };

        return new ToolError { Kind = kind, Error = ex.Message, NextStep = next, Charged = charged };
    }

    /// <summary>The journal could not be written, so nothing was submitted.</summary>
    public static ToolError For(TaskJournalException ex) => new()
    {
        Kind = "journal_unavailable",
        Error = ex.Message,
        NextStep = "Nothing was submitted (a task is never paid for without being recorded). Tell the user how to fix the journal.",
    };
}
