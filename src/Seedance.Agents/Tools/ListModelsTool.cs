using Seedance.Agents.Models;
using Seedance.Agents.Parameters;
using Seedance.Agents.Results;
using Seedance.Client;
using Seedance.Client.Models;

namespace Seedance.Agents.Tools;

/// <summary>
/// list_models: what each model allows and costs today, with the source and date of every figure. A tool rather than only
/// a resource: every host (MCP, Semantic Kernel, Agent Framework) gets it, and a model choosing a model can call it itself.
/// </summary>
internal sealed class ListModelsTool : ISeedanceTool
{
    /// <summary>The longest this call waits for a reading of the provider's facts already under way.</summary>
    private static readonly TimeSpan RefreshWait = TimeSpan.FromSeconds(8);

    private readonly SeedanceClient _client;
    private readonly ModelFactsRefresher _refresher;

    public ListModelsTool(SeedanceClient client, ModelFactsRefresher refresher)
    {
        _client = client;
        _refresher = refresher;
    }

    public ParameterTable Parameters => ToolParameters.ListModels;

    public string Name => ToolNames.ListModels;

    public static SeedanceToolDefinition Define(ModelCatalog catalog) => new()
    {
        Name = ToolNames.ListModels,
        Title = "Models, their limits and prices",
        Description =
            "List the models usable now with what each allows (clip lengths, resolutions, reference counts, output formats, whether the "
            + "provider extends clips itself) and costs per second, each figure with its source and date; the provider's own schema and "
            + "prices, read daily, win over the shipped figures. Free and read-only.",
        InputSchema = ParameterSchema.Write(ToolParameters.ListModels, catalog),
        OutputSchema = OutputSchemas.ModelList,
        ReadOnly = true,
        Idempotent = true,
        OpenWorld = true,
    };

    public async Task<ToolOutcome> InvokeAsync(ToolArguments read, ToolCall call)
    {
        // No arguments: the toolset has refused any unknown ones before this runs. Showing today's facts is this tool's job: it may wait briefly for a reading under way (never past its deadline).
        var left = call.Deadline - call.Started - ToolCall.AnswerTime;
        if (left > TimeSpan.Zero)
        {
            await _refresher.WaitAsync(left < RefreshWait ? left : RefreshWait, call.CancellationToken);
        }

        var catalog = _client.Catalog;
        return ToolOutcomes.Success(new ModelListReport
        {
            Models = catalog.Models.Select(Report).ToArray(),
            FactsFrom = _refresher.Source,
            ReadAt = _client.Models.ProviderReadAt,
            Problem = _refresher.LastProblem,
            NextStep = "Pass a name as model to generate_video; pass dry_run true to price a request before starting it.",
        });
    }

    private static ModelReport Report(ModelInfo model) => new()
    {
        Name = model.Name,
        Aliases = model.Aliases.Count > 0 ? model.Aliases : null,
        Summary = model.Summary,
        Resolutions = model.Resolutions,
        Durations = model.DurationText,
        MaxDurationSeconds = model.MaxDuration,
        MaxImages = model.MaxImages,
        MaxVideos = model.MaxVideos,
        MaxAudios = model.MaxAudios,
        OutputFormats = model.OutputFormats.Count > 0 ? model.OutputFormats : null,
        ReferenceTaskTypes = model.ReferenceTaskTypes.Count > 0 ? model.ReferenceTaskTypes : null,
        ProviderExtends = model.ReferenceTaskTypes.Contains("extend", StringComparer.Ordinal),
        LimitsSource = model.LimitsSource,
        LimitsCheckedOn = model.LimitsCheckedOn,
        LimitsReported = model.LimitsReported,
        Prices = model.Prices.Select(p => new ModelPriceReport
        {
            Resolution = p.Resolution,
            UsdPerSecond = p.UsdPerSecond,
            UsdPerSecondWithVideo = p.UsdPerSecondWithVideo,
            Source = p.Source,
            CheckedOn = p.CheckedOn,
        }).ToArray(),
    };
}
