using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Seedance.Agents.Journal;
using Seedance.Agents.Results;
using Seedance.Client.Callers;

namespace Seedance.Mcp.Hosting.MultiUser;

/// <summary>
/// What one caller of a multi-user server may use: requests a minute (<c>SEEDANCE_USER_REQUESTS_PER_MINUTE</c>, default 120;
/// over it, 429 with <c>Retry-After</c>), counted in the shared journal when the instances share one (PostgreSQL), so the rate
/// holds behind a balancer, and in this process otherwise; and videos in progress at once (<c>SEEDANCE_USER_MAX_OPEN_TASKS</c>,
/// default 10; over it, a paid tool answers a tool error saying when to try again, and nothing is sent). Request bodies
/// are capped by the server (4 MB), which answers 413.
/// </summary>
internal sealed class UserLimits(IConfiguration configuration, TimeProvider time, RequestCounts? shared = null)
{
    private static readonly HashSet<string> PaidTools = new(StringComparer.Ordinal) { "generate_video", "extend_video", "generate_long_video" };
    private static readonly JournalState[] Open = [JournalState.Submitting, JournalState.Unconfirmed, JournalState.Queued, JournalState.Running];

    private readonly ConcurrentDictionary<string, (long Minute, int Count)> _windows = new(StringComparer.Ordinal);

    public int RequestsPerMinute { get; } = Read(configuration, "SEEDANCE_USER_REQUESTS_PER_MINUTE", 120);

    public int MaxOpenTasks { get; } = Read(configuration, "SEEDANCE_USER_MAX_OPEN_TASKS", 10);

    /// <summary>Counts the request against its caller's minute; answers 429 when the caller is over.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var caller = SeedanceCaller.Current;
        if (caller.IsLocal || !HttpMethods.IsPost(context.Request.Method))
        {
            await next(context);
            return;
        }

        var now = time.GetUtcNow();
        var minute = now.ToUnixTimeSeconds() / 60;
        if (await CountAsync(caller.Owner, minute, context.RequestAborted) <= RequestsPerMinute)
        {
            await next(context);
            return;
        }

        var retryAfter = (int)(60 - (now.ToUnixTimeSeconds() % 60));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"jsonrpc":"2.0","error":{"code":-32000,"message":"Too many requests with this key: at most {{RequestsPerMinute}} a minute. Retry after {{retryAfter}} s."},"id":null}""");
    }

    // This request's place in its caller's minute: across the instances when they share a journal, else in this process.
    private async Task<int> CountAsync(string owner, long minute, CancellationToken cancellationToken)
    {
        if (shared is not null)
        {
            try
            {
                return await shared.CountAsync(minute, cancellationToken);
            }
            catch (TaskJournalException)
            {
                // The journal does not answer (readiness says so): count here meanwhile rather than refuse everyone.
            }
        }

        return _windows.AddOrUpdate(owner, (minute, 1), (_, w) => w.Minute == minute ? (minute, w.Count + 1) : (minute, 1)).Count;
    }

    /// <summary>Refuses a paid tool (not a dry run) while the caller has <see cref="MaxOpenTasks"/> videos in progress.</summary>
    public McpRequestHandler<CallToolRequestParams, CallToolResult> OpenTasksFilter(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (request, cancellationToken) =>
        {
            var caller = SeedanceCaller.Current;
            var arguments = request.Params?.Arguments;
            var dryRun = arguments is not null && arguments.TryGetValue("dry_run", out var flag) && flag.ValueKind == System.Text.Json.JsonValueKind.True;
            if (caller.IsLocal || dryRun || request.Params?.Name is not { } tool || !PaidTools.Contains(tool))
            {
                return await next(request, cancellationToken);
            }

            var journal = request.Services!.GetRequiredService<TaskJournal>();
            var open = await journal.ListAsync(MaxOpenTasks, Open, cancellationToken);
            if (open.Count < MaxOpenTasks)
            {
                return await next(request, cancellationToken);
            }

            var error = new ToolError
            {
                Kind = "limit",
                Error = $"{tool} was not run: {open.Count} of your videos are still in progress, the most this server runs at once for one user. Nothing was sent or charged.",
                NextStep = "Follow the running ones with check_task (list_tasks shows them); try again in about a minute, when one has finished.",
            };
            var structured = System.Text.Json.JsonSerializer.SerializeToElement(error, Agents.Serialization.AgentsJson.Options.GetTypeInfo(typeof(ToolError)));
            return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = error.Error + " " + error.NextStep }], StructuredContent = structured };
        };

    private static int Read(IConfiguration configuration, string name, int fallback) =>
        int.TryParse(configuration[name], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
