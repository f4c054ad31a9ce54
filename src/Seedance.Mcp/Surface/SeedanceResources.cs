using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Seedance.Agents.Tools;
using Seedance.Client;
using Seedance.Mcp.Apps;
using Seedance.Mcp.Hosting;
using Seedance.Mcp.Sandbox;

namespace Seedance.Mcp.Surface;

/// <summary>
/// The server's resources: the player view (<c>ui://seedance/player.html</c>) and each task as its JSON report
/// (<c>seedance://tasks/{task_id}</c>, read from the journal, so reading costs nothing and never reaches the provider).
/// </summary>
internal sealed class SeedanceResources(IServiceProvider services, ServerSettings settings)
{
    public const string TaskScheme = "seedance://tasks/";
    public const string TaskTemplate = TaskScheme + "{task_id}";
    private const string Json = "application/json";

    // How many recent tasks are listed as resources (and lend their links' origins to the player).
    private const int Listed = 20;

    public ValueTask<ListResourcesResult> ListAsync(RequestContext<ListResourcesRequestParams> request, CancellationToken cancellationToken) =>
        ListAsync(cancellationToken);

    public async ValueTask<ListResourcesResult> ListAsync(CancellationToken cancellationToken)
    {
        var recent = await RecentTasks.ReadAsync(services, Listed, cancellationToken);
        var resources = new List<Resource>
        {
            new()
            {
                Uri = PlayerView.Uri,
                Name = "player",
                Title = "Seedance video player",
                Description = "Plays a task's video inside the chat, with progress, cost and the saved path, and can extend the clip.",
                MimeType = PlayerView.MimeType,
                Meta = PlayerView.ResourceMeta(await MediaOriginsAsync(recent, cancellationToken)),
            },
        };

        foreach (var entry in recent)
        {
            resources.Add(new Resource
            {
                Uri = TaskScheme + Uri.EscapeDataString(entry.TaskId),
                Name = entry.TaskId,
                Title = $"Video task {entry.TaskId} ({entry.State.ToString().ToLowerInvariant()})",
                Description = entry.Prompt is { } prompt ? (prompt.Length <= 120 ? prompt : prompt[..120] + "…") : null,
                MimeType = Json,
            });
        }

        return new ListResourcesResult { Resources = resources };
    }

    public static ValueTask<ListResourceTemplatesResult> ListTemplatesAsync(RequestContext<ListResourceTemplatesRequestParams> request,
        CancellationToken cancellationToken) => ValueTask.FromResult(new ListResourceTemplatesResult
        {
            ResourceTemplates =
            [
                new ResourceTemplate
                {
                    UriTemplate = TaskTemplate,
                    Name = "task",
                    Title = "A video task's report",
                    Description = "What this machine's journal knows of a task: status, links, saved files, cost. Free; no provider call.",
                    MimeType = Json,
                },
            ],
        });

    public async ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken)
    {
        var uri = request.Params?.Uri ?? string.Empty;
        if (uri == PlayerView.Uri)
        {
            return new ReadResourceResult
            {
                Contents =
                [
                    new TextResourceContents
                    {
                        Uri = PlayerView.Uri,
                        MimeType = PlayerView.MimeType,
                        Text = PlayerView.Page,
                        Meta = PlayerView.ResourceMeta(await MediaOriginsAsync(await RecentTasks.ReadAsync(services, Listed, cancellationToken),
                            cancellationToken)),
                    },
                ],
            };
        }

        if (uri.StartsWith(TaskScheme, StringComparison.Ordinal))
        {
            var taskId = Uri.UnescapeDataString(uri[TaskScheme.Length..]);
            Seedance.Agents.Results.ToolOutcome? outcome;
            try
            {
                outcome = await services.GetRequiredService<SeedanceToolset>().DescribeFromJournalAsync(taskId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not McpException)
            {
                // A journal that cannot be read, or an id no journal could hold: still a plain "not found" for the caller.
                outcome = null;
            }

            return outcome is null
                ? throw NotFound($"No task '{Shorten(taskId)}' is in this machine's journal. list_tasks (or resources/list) shows the recent ones.")
                : new ReadResourceResult
                {
                    Contents = [new TextResourceContents { Uri = uri, MimeType = Json, Text = Hosted(outcome.Structured).GetRawText() }],
                };
        }

        throw NotFound($"Unknown resource '{Shorten(uri)}'. Resources here: {PlayerView.Uri} and {TaskTemplate}.");
    }

    // Hosted, a task's saved files are named by their signed links, as in tool results.
    private System.Text.Json.JsonElement Hosted(System.Text.Json.JsonElement report) =>
        services.GetService<Hosting.MultiUser.FileLinks>() is { } files ? files.Rewrite(report, string.Empty).Structured : report;

    /// <summary>The protocol's "resource not found" error (not an internal error): the caller asked for something absent.</summary>
    private static McpProtocolException NotFound(string message) => new(message, McpErrorCode.ResourceNotFound);

    /// <summary>A caller's text as an error quotes it: at most 100 characters, and only whole, printable characters.</summary>
    internal static string Shorten(string text)
    {
        const int Limit = 100;
        var builder = new System.Text.StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (builder.Length >= Limit)
            {
                return builder + $"… ({text.Length} characters)";
            }

            builder.Append(System.Text.Rune.IsControl(rune) ? "?" : rune.ToString());
        }

        return builder.ToString();
    }

    /// <summary>
    /// Where videos and last frames are loaded from: the sandbox in sandbox mode, the API's origin, the origins of the
    /// links the journal has seen, this server's own (hosted: its signed file links), and any origins the operator
    /// configured (<c>SEEDANCE_MEDIA_ORIGINS</c>).
    /// </summary>
    private async Task<IReadOnlyList<string>> MediaOriginsAsync(IReadOnlyList<Seedance.Agents.Journal.JournalEntry> recent,
        CancellationToken cancellationToken)
    {
        var origins = new List<string>();
        if (settings.Sandbox)
        {
            origins.Add(Origin((await services.GetRequiredService<SandboxLauncher>().GetAsync(cancellationToken)).BaseUrl));
        }
        else if (services.GetService<IOptions<SeedanceClientOptions>>()?.Value.BaseUrl is { IsAbsoluteUri: true } api)
        {
            origins.Add(Origin(api));
        }

        foreach (var entry in recent)
        {
            foreach (var link in new[] { entry.VideoUrl, entry.LastFrameUrl })
            {
                if (Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
                {
                    origins.Add(Origin(uri));
                }
            }
        }

        // Hosted, the player plays the saved files from this server's own signed links.
        if (services.GetService<Hosting.MultiUser.FileLinks>()?.Origin() is { } own)
        {
            origins.Add(own);
        }

        origins.AddRange(settings.MediaOrigins);
        return origins.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    private static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}
