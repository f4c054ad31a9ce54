using System.Text.Json;
using Seedance.Agents.Journal;
using Seedance.Agents.Results;
using Seedance.Client.Errors;

namespace Seedance.Agents.Tools;

/// <summary>
/// The Seedance tools for every host: their definitions, the same tools as Microsoft.Extensions.AI <see cref="Microsoft.Extensions.AI.AIFunction"/>s,
/// and one entry point that runs a tool by name. Bad input and provider errors never throw: they come back as an error
/// outcome carrying a structured <see cref="ToolError"/>, the one error contract of every host.
/// </summary>
public sealed class SeedanceToolset
{
    private readonly Dictionary<string, ISeedanceTool> _tools;
    private readonly Dictionary<string, SeedanceToolDefinition> _definitions;

    internal SeedanceToolset(IEnumerable<ISeedanceTool> tools, IReadOnlyList<SeedanceToolDefinition> definitions, TaskJournal journal)
    {
        _tools = tools.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _definitions = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);
        Definitions = definitions;
        Journal = journal;
        Functions = definitions.Select(d => new SeedanceToolFunction(this, d)).ToArray();
    }

    /// <summary>The tools, as every host lists them.</summary>
    public IReadOnlyList<SeedanceToolDefinition> Definitions { get; }

    /// <summary>generate_video, check_task, extend_video, list_tasks as AI functions.</summary>
    public IReadOnlyList<SeedanceToolFunction> Functions { get; }

    /// <summary>The journal of submitted tasks.</summary>
    public TaskJournal Journal { get; }

    /// <summary>
    /// Runs tool <paramref name="name"/> with its JSON <paramref name="arguments"/>. Never throws for bad input or provider
    /// errors: those come back as an error outcome the model can act on. Cancellation ends a wait and throws
    /// <see cref="OperationCanceledException"/>; a task already submitted stays in the journal.
    /// </summary>
    public async Task<ToolOutcome> InvokeAsync(string name, JsonElement arguments, IProgress<ToolProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (!_tools.TryGetValue(name, out var tool))
        {
            return ToolOutcomes.Failure(new ToolError
            {
                Kind = "unknown_tool",
                Error = $"There is no tool named '{name}'.",
                NextStep = $"Use one of: {string.Join(", ", Definitions.Select(d => d.Name))}.",
            });
        }

        try
        {
            return await tool.InvokeAsync(arguments, progress, cancellationToken);
        }
        catch (ToolFailure failure)
        {
            return ToolOutcomes.Failure(failure.Error);
        }
        catch (SeedanceApiException ex)
        {
            return ToolOutcomes.Failure(ProviderErrors.For(name, submits: !_definitions[name].ReadOnly, ex));
        }
        catch (TaskJournalException ex)
        {
            return ToolOutcomes.Failure(ProviderErrors.For(ex));
        }
    }
}
