using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Seedance.Agents;
using Seedance.Agents.Journal;
using Seedance.Agents.Results;
using Seedance.Agents.Serialization;
using Seedance.Agents.Tools;
using Seedance.Client.Errors;
using Seedance.Mcp.Hosting;

namespace Seedance.Mcp.Tools;

/// <summary>
/// One shared tool (its <see cref="SeedanceToolFunction"/>, which this wraps and forwards name, description and schemas to)
/// as the MCP SDK serves it (<see cref="McpServerTool.Create(AIFunction, McpServerToolCreateOptions)"/>):
/// its name, description and schemas come from the tool's definition; a call resolves the tools on first use, forwards
/// progress as ordered MCP progress notifications, asks the user to confirm a paid call by elicitation where the client
/// declared it (or by a multi round-trip request on a stateless 2026-07-28 call), and answers with the text, the structured result and, on errors,
/// the structured <see cref="ToolError"/> with <c>isError</c> set.
/// </summary>
internal sealed class SeedanceMcpFunction : DelegatingAIFunction
{
    // The toolset is made on the first call, not when the tools are listed: a missing setting must not stop tools/list.
    private SeedanceMcpFunction(SeedanceToolDefinition definition, IServiceProvider services)
        : base(SeedanceToolFunction.Create(definition, services.GetRequiredService<SeedanceToolset>))
    {
        _services = services;
    }

    private readonly IServiceProvider _services;

    private SeedanceToolFunction Tool => (SeedanceToolFunction)InnerFunction;

    /// <summary>The protocol tool for <paramref name="definition"/>, with its title and behaviour hints.</summary>
    public static McpServerTool CreateTool(SeedanceToolDefinition definition, IServiceProvider services) =>
        McpServerTool.Create(new SeedanceMcpFunction(definition, services), new McpServerToolCreateOptions
        {
            Name = definition.Name,
            Title = definition.Title,
            ReadOnly = definition.ReadOnly,
            Destructive = definition.Destructive,
            Idempotent = definition.Idempotent,
            OpenWorld = definition.OpenWorld,
            UseStructuredContent = true,
            Services = services,
            SerializerOptions = AgentsJson.Options,
            Icons = Surface.ToolIcons.For(definition.Name),
            Meta = Apps.PlayerView.Tools.Contains(definition.Name) ? Apps.PlayerView.ToolMeta() : null,
        });

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var request = arguments.Services?.GetService(typeof(RequestContext<CallToolRequestParams>)) as RequestContext<CallToolRequestParams>;
        try
        {
            _ = Tool.Toolset;
        }
        catch (Exception ex) when (ex is OptionsValidationException or SeedanceConfigurationException or TaskJournalException or IOException)
        {
            // The tools could not be put together (a setting is wrong, the journal folder cannot be made): say so, not "an error occurred".
            return Result(ToolOutcomes.Failure(new ToolError
            {
                Kind = "not_ready",
                Error = $"The server could not prepare the tools: {ex.Message}",
                NextStep = "Nothing was submitted. Tell the user what to fix in the server's settings, then restart it.",
            }));
        }

        // JSON may escape half a character (a lone surrogate such as \ud800), which no text can hold: the incoming filter
        // found it before the SDK failed on it; name the argument and where it is.
        if (request?.JsonRpcRequest.Context?.Items?.TryGetValue(UnpairedSurrogates.ProblemKey, out var found) == true && found is string problem)
        {
            var parameter = problem[..problem.IndexOf(':', StringComparison.Ordinal)];
            return Result(ToolOutcomes.Failure(new ToolError
            {
                Kind = "invalid_arguments",
                Error = $"{Name} was not run: {problem}. Nothing was sent or charged.",
                Violations = [new ViolationReport(parameter, null, "text made of whole Unicode characters",
                    "it holds an unpaired UTF-16 surrogate (half of a character, such as \\ud800)")],
                NextStep = $"Remove the broken character from {parameter} and call {Name} again.",
            }));
        }

        var progress = request?.Params?.ProgressToken is { } token ? new McpProgress(request.Server, token) : null;
        ToolOutcome outcome;
        try
        {
            var approver = McpPaidCallApprover.For(request);
            // The SDK's arguments, one JSON value per name, are read where they are.
            outcome = await Tool.InvokeToolAsync(request?.Params?.Arguments?.AsReadOnly(), new ToolCallContext(progress, approver), cancellationToken);

            // The price question went out as a multi round-trip request: nothing was sent; the client asks and calls again.
            if (approver is MrtrPaidCallApprover { Pending: { } question })
            {
                throw new InputRequiredException(question);
            }
        }
        finally
        {
            if (progress is not null)
            {
                await progress.FlushAsync();
            }
        }

        return Result(outcome, _services.GetService<Hosting.MultiUser.FileLinks>());
    }

    private static CallToolResult Result(ToolOutcome outcome, Hosting.MultiUser.FileLinks? files = null)
    {
        // Hosted, paths on the server's disk mean nothing to the caller: the result names the saved files by their signed links.
        var (structured, text) = files is null ? (outcome.Structured, outcome.Text) : files.Rewrite(outcome.Structured, outcome.Text);
        var content = new List<ContentBlock> { new TextContentBlock { Text = text }, new TextContentBlock { Text = structured.GetRawText() } };
        content.AddRange(Links(outcome, files));
        return new CallToolResult { IsError = outcome.IsError ? true : null, Content = content, StructuredContent = structured };
    }

    /// <summary>Links to what a finished task produced: the saved file and the provider's link (which expires).</summary>
    private static IEnumerable<ResourceLinkBlock> Links(ToolOutcome outcome, Hosting.MultiUser.FileLinks? files)
    {
        if (outcome.IsError || outcome.Structured.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        var report = outcome.Structured;
        string? Text(string name) => report.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var id = Text("task_id") ?? "video";
        if (Text("local_video_path") is { } path && Path.IsPathFullyQualified(path))
        {
            // Hosted, the server's disk means nothing to the caller: a signed link the server itself serves.
            var hosted = files?.LinkFor(path);
            yield return new ResourceLinkBlock
            {
                Uri = hosted?.AbsoluteUri ?? new Uri(path).AbsoluteUri,
                Name = Path.GetFileName(path),
                Title = hosted is null ? $"The video of {id}, saved on this machine" : $"The video of {id}, saved by the server (link valid 7 days)",
                MimeType = "video/mp4",
                Size = new FileInfo(path) is { Exists: true } file ? file.Length : null,
            };
        }

        if (Text("video_url") is { } link && Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            yield return new ResourceLinkBlock
            {
                Uri = uri.AbsoluteUri,
                Name = $"{id}.mp4",
                Title = $"The video of {id} at the provider" + (Text("video_expires_at") is { } expires ? $" (until {expires})" : string.Empty),
                MimeType = "video/mp4",
            };
        }
    }
}
