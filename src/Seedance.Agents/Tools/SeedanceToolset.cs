using System.Text.Json;
using Microsoft.Extensions.AI;
using Seedance.Agents.Journal;
using Seedance.Agents.Results;
using Seedance.Client.Errors;

namespace Seedance.Agents.Tools;

/// <summary>
/// The Seedance tools for every host: their definitions, the same tools as Microsoft.Extensions.AI <see cref="AIFunction"/>s,
/// and one entry point that runs a tool by name. Bad input and provider errors never throw: they come back as an error
/// outcome carrying a structured <see cref="ToolError"/>, the one error contract of every host.
/// </summary>
public sealed class SeedanceToolset
{
    private readonly Dictionary<string, ISeedanceTool> _tools;
    private readonly Dictionary<string, SeedanceToolDefinition> _definitions;

    private readonly TimeSpan _limit;
    private readonly TimeProvider _time;
    private readonly bool _requireApproval;

    internal SeedanceToolset(IEnumerable<ISeedanceTool> tools, IReadOnlyList<SeedanceToolDefinition> definitions, TaskJournal journal,
        TimeSpan callTimeLimit, TimeProvider time, bool requireApprovalForPaidTools = false)
    {
        _limit = callTimeLimit;
        _time = time;
        _requireApproval = requireApprovalForPaidTools;
        _tools = tools.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _definitions = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
        Definitions = definitions;
        Journal = journal;
        Functions = definitions.Select(d => new SeedanceToolFunction(this, d)).ToArray();
    }

    /// <summary>The tools, as every host lists them.</summary>
    public IReadOnlyList<SeedanceToolDefinition> Definitions { get; }

    /// <summary>generate_video, check_task, extend_video, list_tasks, get_balance as AI functions.</summary>
    public IReadOnlyList<SeedanceToolFunction> Functions { get; }

    /// <summary>
    /// The tools to hand to an agent: <see cref="Functions"/>, with the paid ones (generate_video, extend_video) wrapped as
    /// <see cref="ApprovalRequiredAIFunction"/> when <see cref="SeedanceAgentOptions.RequireApprovalForPaidTools"/> is set, so
    /// hosts such as Microsoft Agent Framework ask the user before each paid call runs.
    /// </summary>
    public IReadOnlyList<AIFunction> AsAITools() => AsAITools(_requireApproval);

    /// <summary>
    /// <see cref="Functions"/>, with the paid ones wrapped as <see cref="ApprovalRequiredAIFunction"/> when <paramref name="requireApprovalForPaidTools"/>.
    /// The host runs a wrapped tool only after the user approved it, so that approval counts as the price confirmation;
    /// without it, a paid call whose price calls for confirmation answers confirmation_required (there is no one to ask).
    /// </summary>
    public IReadOnlyList<AIFunction> AsAITools(bool requireApprovalForPaidTools) =>
        Functions.Select(f => requireApprovalForPaidTools && f.Definition.Paid ? new ApprovalRequiredAIFunction(new HostApprovedFunction(f)) : (AIFunction)f)
            .ToArray();

    /// <summary>Keeps the model catalogue in step with the provider; each call starts a refresh when one is due, and never waits for it.</summary>
    public Models.ModelFactsRefresher? ModelFacts { get; init; }

    /// <summary>The journal of submitted tasks.</summary>
    public TaskJournal Journal { get; }

    /// <summary>What this machine's journal knows of <paramref name="taskId"/>, as the tools report it (no network call); null when unknown.</summary>
    public async Task<ToolOutcome?> DescribeFromJournalAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        var entry = await Journal.FindAsync(taskId, cancellationToken);
        return entry is null ? null : ToolOutcomes.Success(TaskReportFactory.Build(entry, task: null, saved: default, warnings: null));
    }

    /// <summary>The most recent journal entries, newest first (no network call).</summary>
    public Task<IReadOnlyList<JournalEntry>> RecentAsync(int limit, CancellationToken cancellationToken = default) =>
        Journal.ListAsync(limit, states: null, cancellationToken);

    /// <summary>
    /// Runs tool <paramref name="name"/> with its JSON <paramref name="arguments"/>. Never throws for bad input or provider
    /// errors: those come back as an error outcome the model can act on. Cancellation ends a wait and throws
    /// <see cref="OperationCanceledException"/>; a task already submitted stays in the journal.
    /// </summary>
    public Task<ToolOutcome> InvokeAsync(string name, JsonElement arguments, IProgress<ToolProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        InvokeAsync(name, arguments, new ToolCallContext(progress), cancellationToken);

    /// <summary>
    /// Runs tool <paramref name="name"/> with what the host passes besides the arguments: progress, and an approver
    /// that asks the user before a paid call whose estimate reaches <see cref="SeedanceAgentOptions.ConfirmAboveUsd"/>.
    /// Errors come back as error outcomes, as for the other overload.
    /// </summary>
    public Task<ToolOutcome> InvokeAsync(string name, JsonElement arguments, ToolCallContext context, CancellationToken cancellationToken = default) =>
        RunAsync(name, tool => tool.Parameters.Read(name, arguments), context, cancellationToken);

    /// <summary>
    /// Runs tool <paramref name="name"/> with its arguments as a host hands them over, one JSON value per name (as MCP does):
    /// they are read where they are, with no copy into one JSON object. Errors come back as error outcomes, as for the other overloads.
    /// </summary>
    public Task<ToolOutcome> InvokeAsync(string name, IReadOnlyDictionary<string, JsonElement>? arguments, ToolCallContext context,
        CancellationToken cancellationToken = default) =>
        RunAsync(name, tool => tool.Parameters.Read(name, arguments), context, cancellationToken);

    private async Task<ToolOutcome> RunAsync(string name, Func<ISeedanceTool, Parameters.ToolArguments> read, ToolCallContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_tools.TryGetValue(name, out var tool))
        {
            return ToolOutcomes.Failure(new ToolError
            {
                Kind = "unknown_tool",
                Error = $"There is no tool named '{name}'.",
                NextStep = $"Use one of: {string.Join(", ", Definitions.Select(d => d.Name))}.",
            });
        }

        // First use, then daily: the provider's model facts are read in the background, never delaying this call.
        ModelFacts?.EnsureFresh();

        // Every call answers within the time limit whatever the provider does: the tools bound each network attempt by the
        // call's deadline, and this token is the backstop.
        var started = _time.GetUtcNow();
        using var limit = new CancellationTokenSource(_limit, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        var call = new ToolCall(context.Progress, context.Approver, started, started + _limit, linked.Token);
        try
        {
            var arguments = read(tool);
            if (arguments.Violations.Count > 0 && !tool.ChecksRequest)
            {
                throw ToolErrorException.InvalidArguments(name, arguments.Violations);
            }

            return await tool.InvokeAsync(arguments, call);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && limit.IsCancellationRequested)
        {
            // Only a call that began sending may have created a task; one cut off before (a price question still open, a slow
            // upload) sent nothing and must say so.
            var sent = !_definitions[name].ReadOnly && call.Sending.Started;
            return ToolOutcomes.Failure(new ToolError
            {
                Kind = "timed_out",
                Error = sent
                    ? $"{name} reached its time limit ({_limit.TotalSeconds:0} s) before the provider answered."
                    : $"{name} reached its time limit ({_limit.TotalSeconds:0} s) before sending anything: nothing was sent or charged.",
                Charged = sent,
                NextStep = sent
                    ? "A task may have been created: it is in list_tasks (unconfirmed until settled). " + UnsureSubmitAdvice.For(taskId: null)
                    : $"Call {name} again in a moment.",
            });
        }
        catch (ToolErrorException failure)
        {
            return ToolOutcomes.Failure(failure.Error);
        }
        catch (SeedanceApiException ex)
        {
            return ToolOutcomes.Failure(ToolErrors.For(name, submits: !_definitions[name].ReadOnly, ex));
        }
        catch (TaskJournalException ex)
        {
            return ToolOutcomes.Failure(ToolErrors.For(ex));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A defect must still give the model something to act on, never a bare "an error occurred".
            return ToolOutcomes.Failure(new ToolError
            {
                Kind = "internal_error",
                Error = $"{name} failed unexpectedly ({ex.GetType().Name}: {ex.Message}).",
                Charged = !_definitions[name].ReadOnly,
                NextStep = "Call list_tasks to see whether a task was created before trying again; report this error to the server's maintainers.",
            });
        }
    }
}
