using System.Buffers;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Seedance.Agents.Journal;
using Seedance.Agents.Results;
using Seedance.Agents.Tools;
using Seedance.Mcp.Hosting;

namespace Seedance.Mcp.Tools;

/// <summary>
/// One Seedance tool served over MCP: title, annotations, input and output schemas from the shared definition;
/// calls go to the shared service with progress forwarded as MCP progress notifications.
/// </summary>
internal sealed class SeedanceMcpTool : McpServerTool
{
    private readonly SeedanceRuntime _runtime;
    private readonly SeedanceToolDefinition _definition;

    public SeedanceMcpTool(SeedanceRuntime runtime, SeedanceToolDefinition definition)
    {
        _runtime = runtime;
        _definition = definition;
        ProtocolTool = new Tool
        {
            Name = definition.Name,
            Title = definition.Title,
            Description = definition.Description,
            InputSchema = definition.InputSchema,
            OutputSchema = definition.OutputSchema,
            Annotations = new ToolAnnotations
            {
                Title = definition.Title,
                ReadOnlyHint = definition.ReadOnly,
                DestructiveHint = definition.Destructive,
                IdempotentHint = definition.Idempotent,
                OpenWorldHint = definition.OpenWorld,
            },
        };
    }

    public override Tool ProtocolTool { get; }

    public override IReadOnlyList<object> Metadata { get; } = [];

    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        SeedanceToolService service;
        try
        {
            service = await _runtime.GetServiceAsync(cancellationToken);
        }
        catch (TaskJournalException ex)
        {
            return Error($"{ex.Message} Nothing was submitted.");
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ArgumentException)
        {
            // Preparing the tools failed (the sandbox could not start, a setting is wrong): say so instead of a generic error.
            return Error($"The server could not prepare the tools: {ex.Message}");
        }

        var progress = request.Params?.ProgressToken is { } token ? new McpProgress(request.Server, token) : null;
        ToolOutcome outcome;
        try
        {
            outcome = await service.InvokeAsync(_definition.Name, ToJson(request.Params?.Arguments), progress, cancellationToken);
        }
        finally
        {
            if (progress is not null)
            {
                await progress.FlushAsync();
            }
        }

        if (outcome.IsError)
        {
            return Error(outcome.Text);
        }

        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = outcome.Text }, new TextContentBlock { Text = outcome.Structured.GetRawText() }],
            StructuredContent = outcome.Structured,
        };
    }

    private static CallToolResult Error(string text) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = text }],
    };

    /// <summary>The call's arguments as one JSON object (absent arguments: an empty object).</summary>
    internal static JsonElement ToJson(IDictionary<string, JsonElement>? arguments)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in arguments ?? new Dictionary<string, JsonElement>())
            {
                writer.WritePropertyName(name);
                if (value.ValueKind == JsonValueKind.Undefined)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
