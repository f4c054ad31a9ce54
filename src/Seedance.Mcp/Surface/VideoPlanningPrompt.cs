using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;
using Seedance.Agents.Films;
using Seedance.Client;
using Seedance.Client.Models;
using Seedance.Client.Requests;

namespace Seedance.Mcp.Surface;

/// <summary>
/// A prompt that turns an idea into a shot plan for a longer video: shots within the model's range (fewer, longer ones on
/// models with longer clips, <see cref="ShotPlanning"/>) that continue from each other,
/// priced with a dry run first, then made with the tools.
/// </summary>
internal static class VideoPlanningPrompt
{
    public const string Name = "plan_video";

    public static Prompt Definition { get; } = new()
    {
        Name = Name,
        Title = "Plan a multi-shot video",
        Description = "Turn an idea into a shot list (shots as long as the model allows, each continuing from the last frame of the one before), price it, "
            + "then make it with the Seedance tools.",
        Arguments =
        [
            new PromptArgument { Name = "idea", Description = "What the video is about.", Required = true },
            new PromptArgument { Name = "seconds", Description = "Roughly how long the whole video should be (default 30).", Required = false },
            new PromptArgument { Name = "size", Description = "Aspect ratio, e.g. 16:9 or 9:16 (default 16:9).", Required = false },
            new PromptArgument { Name = "model", Description = "The model (default doubao-seedance-2.0).", Required = false },
        ],
    };

    public static ValueTask<ListPromptsResult> ListAsync(RequestContext<ListPromptsRequestParams> request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ListPromptsResult { Prompts = [Definition] });

    public static ValueTask<GetPromptResult> GetAsync(RequestContext<GetPromptRequestParams> request, CancellationToken cancellationToken)
    {
        if (request.Params?.Name != Name)
        {
            throw new McpException($"Unknown prompt '{request.Params?.Name}'. The prompt here is {Name}.");
        }

        var arguments = request.Params.Arguments ?? new Dictionary<string, System.Text.Json.JsonElement>();
        string? Get(string name) => arguments.TryGetValue(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String
            ? value.GetString()
            : null;

        var idea = Get("idea") ?? throw new McpException("plan_video needs an idea.");
        var seconds = int.TryParse(Get("seconds"), out var total) && total is > 0 and <= 180 ? total : 30;
        var size = Get("size") ?? "16:9";
        var model = Get("model") ?? "doubao-seedance-2.0";
        // Fewer, longer shots on models that render longer clips (the catalogue in force: the provider's limits once read).
        var catalog = request.Services?.GetService<SeedanceClient>()?.Catalog ?? ModelCatalog.Default;
        var info = catalog.TryGet(model, out var known) ? known : catalog.Models[0];
        var shots = ShotPlanning.ShotCount(info, seconds);
        var text = $"""
            Plan and make a video of about {seconds} seconds from this idea: {idea}

            1. Write a shot list of {shots} shots of about {ShotPlanning.TargetSeconds(info)} seconds. Each shot is {ModelLimits.ShotDuration(info).Bounds} seconds on {info.Name} and continues from the last frame of the one before, so
               describe each as what happens next (subject, action, camera, light), keeping characters, place and style consistent.
            2. Price it before paying: call generate_long_video with the shots, model "{model}", size "{size}" and dry_run true (or, if that
               tool is not listed, generate_video with dry_run true for the first shot). Tell the user the estimated total.
            3. When the user agrees, call generate_long_video without dry_run (or generate_video for shot 1, then extend_video from each
               finished shot), and follow it with check_task and wait=50 until it is done. Give the user the film's path and link.
               If the user wants no more of it partway, call stop_long_video: no further shot is sent, and the shots done become the film.
            Never start the same shot twice: if a call is unsure, check_task settles it.
            """;
        return ValueTask.FromResult(new GetPromptResult
        {
            Description = $"A {shots}-shot plan for: {idea}",
            Messages = [new PromptMessage { Role = Role.User, Content = new TextContentBlock { Text = text } }],
        });
    }
}
