using System.Globalization;
using System.Text.Json;
using Seedance.Agents.Downloads;
using Seedance.Agents.Journal;
using Seedance.Agents.Media;
using Seedance.Agents.Results;
using Seedance.Agents.Serialization;
using Seedance.Client;
using Seedance.Client.Errors;
using Seedance.Client.Tasks;
using Seedance.Client.Validation;

namespace Seedance.Agents.Tools;

/// <summary>
/// The tools behind every host: generate_video, check_task, extend_video and list_tasks. Hosts (MCP, Semantic
/// Kernel, any Microsoft.Extensions.AI client) pass the raw JSON arguments and get back a <see cref="ToolOutcome"/>;
/// the logic, the rules and the texts live here once.
/// </summary>
public sealed partial class SeedanceToolService
{
    private readonly SeedanceClient _client;
    private readonly TaskJournal _journal;
    private readonly VideoDownloader _downloader;
    private readonly LocalImageResolver _images;
    private readonly SeedanceAgentOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the service over its collaborators.</summary>
    public SeedanceToolService(SeedanceClient client, TaskJournal journal, VideoDownloader downloader, LocalImageResolver images,
        SeedanceAgentOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(downloader);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _journal = journal;
        _downloader = downloader;
        _images = images;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        Definitions = ToolCatalog.Create(client.Catalog);
    }

    /// <summary>The tools, as every host lists them.</summary>
    public IReadOnlyList<SeedanceToolDefinition> Definitions { get; }

    /// <summary>The journal of submitted tasks.</summary>
    public TaskJournal Journal => _journal;

    /// <summary>
    /// Runs tool <paramref name="name"/> with its JSON <paramref name="arguments"/>. Never throws for bad input or
    /// provider errors: those come back as an error outcome the model can act on. Cancellation ends a wait and
    /// throws <see cref="OperationCanceledException"/>; a task already submitted stays in the journal.
    /// </summary>
    public async Task<ToolOutcome> InvokeAsync(string name, JsonElement arguments, IProgress<ToolProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        try
        {
            switch (name)
            {
                case ToolNames.GenerateVideo:
                    return Success(await GenerateVideoAsync(arguments, progress, cancellationToken));
                case ToolNames.CheckTask:
                    return Success(await CheckTaskAsync(arguments, progress, cancellationToken));
                case ToolNames.ExtendVideo:
                    return Success(await ExtendVideoAsync(arguments, progress, cancellationToken));
                case ToolNames.ListTasks:
                    var list = await ListTasksAsync(arguments, cancellationToken);
                    return new ToolOutcome(false, AgentsJson.ToElement(list, AgentsJsonContext.Default.TaskListReport), Describe(list));
                default:
                    return Failure(new ToolError
                    {
                        Kind = "unknown_tool",
                        Error = $"There is no tool named '{name}'.",
                        NextStep = $"Use one of: {string.Join(", ", Definitions.Select(d => d.Name))}.",
                    });
            }
        }
        catch (ToolFailure failure)
        {
            return Failure(failure.Error);
        }
        catch (SeedanceApiException ex)
        {
            return Failure(ErrorFor(name, ex));
        }
        catch (TaskJournalException ex)
        {
            return Failure(new ToolError
            {
                Kind = "journal_unavailable",
                Error = ex.Message,
                NextStep = "Nothing was submitted (a task is never paid for without being recorded). Tell the user how to fix the journal.",
            });
        }
    }

    private static ToolOutcome Success(TaskReport report) =>
        new(false, AgentsJson.ToElement(report, AgentsJsonContext.Default.TaskReport), Describe(report));

    private static ToolOutcome Failure(ToolError error)
    {
        var text = error.Error;
        if (error.Violations is { Count: > 0 } violations)
        {
            text += " " + string.Join(" ", violations.Select(v => $"{v.Parameter}: {v.Problem} (given: {v.Given ?? "nothing"}; allowed: {v.Allowed})."));
        }

        return new ToolOutcome(true, AgentsJson.ToElement(error, AgentsJsonContext.Default.ToolError), text + " Next: " + error.NextStep);
    }

    private static ToolFailure InvalidArguments(string tool, IReadOnlyList<Violation> violations) => new(new ToolError
    {
        Kind = "invalid_arguments",
        Error = $"{tool} was not run: {violations.Count} argument problem{(violations.Count == 1 ? string.Empty : "s")}. Nothing was sent or charged.",
        Violations = violations.Select(v => new ViolationReport(v.Parameter, v.Value, v.Allowed, v.Message)).ToArray(),
        NextStep = $"Fix the listed arguments and call {tool} again.",
    });

    /// <summary>What a provider error means for the model, and what to do about it.</summary>
    private static ToolError ErrorFor(string tool, SeedanceApiException ex)
    {
        var submits = tool is ToolNames.GenerateVideo or ToolNames.ExtendVideo;
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
                + "in list_tasks as unconfirmed. Do NOT call the tool again right away: that could pay twice. Ask the user to check the "
                + "provider's dashboard or balance first.", true),
            SeedanceErrorKind.TaskNotFound => ("unknown_task", "Check the task_id; list_tasks shows the ids of recent tasks.", false),
            SeedanceErrorKind.InvalidRequest => ("rejected", $"The provider refused the request; nothing was charged. Change the arguments "
                + $"as its message says and call {tool} again.", false),
            _ when submits => ("provider_unavailable", $"The provider could not be reached; nothing was created. Wait {retryAfter} and call {tool} again.", false),
            _ => ("provider_unavailable", $"This is usually temporary. Wait {retryAfter} and call {tool} again.", false),
        };

        return new ToolError { Kind = kind, Error = ex.Message, NextStep = next, Charged = charged };
    }

    private static string Ago(TimeSpan span) => span.TotalSeconds < 90
        ? $"{Math.Round(span.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s"
        : $"{Math.Round(span.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min";

    private static string? Short(string? text, int length = 80) =>
        text is null || text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");

    private static string StatusName(JournalState state) => state.ToString().ToLowerInvariant();

    private static bool IsLocalCopy(string? path) => path is not null && File.Exists(path);

    private static string? ErrorText(SeedanceTask task) => task.Error is { } error ? error.Message ?? error.Code : null;
}
