using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Seedance.Client.Requests;
using Seedance.Client.Tasks;
using Seedance.Client.Uploads;
using Seedance.Client.Validation;
using Seedance.Sandbox.Faults;
using Seedance.Sandbox.Media;
using Seedance.Sandbox.Tasks;

namespace Seedance.Sandbox.Endpoints;

/// <summary>The provider's endpoints as the sandbox serves them, plus its own <c>/_sandbox</c> controls.</summary>
internal static class SandboxEndpoints
{
    /// <summary>A request header naming faults for that one request, in the text form of <see cref="FaultRule"/>.</summary>
    public const string FaultHeader = "X-Sandbox-Fault";

    /// <summary>The key a submit may carry; the same key and body get the same task again.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Says an answer repeats an earlier submit's.</summary>
    public const string ReplayedHeader = "Idempotency-Replayed";

    private const int MaxSubmitBodyBytes = 1024 * 1024;

    public static void Map(WebApplication app, SandboxState state)
    {
        app.MapPost("/v1/videos/generations", context => Guarded(context, state, FaultEndpoint.Submit, SubmitAsync));
        app.MapGet("/v1/tasks/{id}", context => Guarded(context, state, FaultEndpoint.Status, StatusAsync));
        app.MapPost("/v1/uploads/images", context => Guarded(context, state, FaultEndpoint.Upload, UploadAsync));
        app.MapGet("/v1/balance", context => Guarded(context, state, FaultEndpoint.Balance, BalanceAsync));

        app.MapGet("/files/videos/{name}", context => ServeResultAsync(context, state, ".mp4", "video/mp4", state.Clips.VideoAsync));
        app.MapGet("/files/frames/{name}", context => ServeResultAsync(context, state, ".png", "image/png", state.Clips.FrameAsync));
        app.MapGet("/files/uploads/{name}", context => ServeUploadAsync(context, state));

        app.MapGet("/_sandbox/stats", async context =>
        {
            if (await AuthorizeAsync(context, state))
            {
                await StatsAsync(context, state);
            }
        });
        app.MapPost("/_sandbox/faults", async context =>
        {
            if (await AuthorizeAsync(context, state))
            {
                await AddFaultsAsync(context, state);
            }
        });
        app.MapGet("/", context => context.Response.WriteAsync(
            "Seedance sandbox: a local stand-in for the APIMart Seedance API. Use this URL as Seedance:BaseUrl.\n"));
    }

    private delegate Task<SandboxAnswer> Handler(HttpContext context, SandboxState state, Modifiers modifiers);

    /// <summary>What the submit-only faults change about the task.</summary>
    private sealed record Modifiers(bool FailTask, double? EstimateFactor, string? EchoAuthorization = null, int BusySends = 0);

    /// <summary>Checks the token, acts out faults around the handler, and writes the handler's answer.</summary>
    private static async Task Guarded(HttpContext context, SandboxState state, FaultEndpoint endpoint, Handler handler)
    {
        if (!await AuthorizeAsync(context, state))
        {
            return;
        }

        List<FaultRule> faults;
        try
        {
            faults = [.. state.Faults.Take(endpoint), .. FaultRule.ParseList(context.Request.Headers[FaultHeader].ToString())];
        }
        catch (FormatException ex)
        {
            await SandboxJson.ErrorAsync(context, 400, "invalid_request_error", $"{FaultHeader}: {ex.Message}");
            return;
        }

        foreach (var fault in faults)
        {
            state.Counters.FaultInjected();
        }

        state.Counters.Called(endpoint);
        var refusal = faults.FirstOrDefault(f => f.Kind is FaultKind.RateLimit or FaultKind.ServerError or FaultKind.BadGateway);
        if (refusal is not null)
        {
            await RefuseAsync(context, refusal);
            return;
        }

        var echo = faults.FirstOrDefault(f => f.Kind == FaultKind.EchoKey);
        var authorization = context.Request.Headers.Authorization.ToString();
        if (echo is not null && endpoint != FaultEndpoint.Status)
        {
            await EchoKeyAsync(context, echo, authorization);
            return;
        }

        var modifiers = new Modifiers(
            faults.Any(f => f.Kind == FaultKind.FailTask),
            faults.LastOrDefault(f => f.Kind == FaultKind.EstimateSkew) is { } skew ? skew.Argument ?? 10 : null,
            echo is null ? null : authorization,
            faults.LastOrDefault(f => f.Kind == FaultKind.Busy) is { } busy ? Math.Max(1, (int)(busy.Argument ?? 1)) : 0);

        // The handler does the work (a task is created) before any answer fault, as a real server would.
        var answer = await handler(context, state, modifiers);

        // A slow server: the work is done (a submit has created its task), the answer comes late.
        await DelayAsync(context, faults);
        if (await DamagedAsync(context, faults, "<html><body>502 Bad Gateway</body></html>", () => answer.Body.ToJsonString(), () => MarkReplayed(context, answer)))
        {
            return;
        }

        MarkReplayed(context, answer);
        await SandboxJson.WriteAsync(context, answer.Status, answer.Body);
    }

    /// <summary>Waits out every latency fault. Real time on purpose: latency is for client timeouts, which run on the real clock.</summary>
    internal static async Task DelayAsync(HttpContext context, IEnumerable<FaultRule> faults)
    {
        foreach (var latency in faults.Where(f => f.Kind == FaultKind.Latency))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(latency.Argument ?? 1000), context.RequestAborted);
        }
    }

    /// <summary>
    /// Answers the first damage fault, if any: the connection dropped, an HTML <paramref name="page"/> with 200, or the first half
    /// of the JSON <paramref name="body"/> (after <paramref name="beforeHalfBody"/>, for headers). False when the answer is to go
    /// out whole.
    /// </summary>
    internal static async Task<bool> DamagedAsync(HttpContext context, IEnumerable<FaultRule> faults, string page, Func<string> body, Action? beforeHalfBody = null)
    {
        switch (faults.FirstOrDefault(f => f.Kind is FaultKind.Drop or FaultKind.Malformed or FaultKind.Truncated)?.Kind)
        {
            case FaultKind.Drop:
                context.Abort();
                return true;
            case FaultKind.Malformed:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync(page, context.RequestAborted);
                return true;
            case FaultKind.Truncated:
                var full = body();
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                beforeHalfBody?.Invoke();
                await context.Response.WriteAsync(full[..(full.Length / 2)], context.RequestAborted);
                return true;
            default:
                return false;
        }
    }

    private static void MarkReplayed(HttpContext context, SandboxAnswer answer)
    {
        if (answer.Replayed)
        {
            context.Response.Headers[ReplayedHeader] = "true";
        }
    }

    /// <summary>A gateway that echoes the request's headers in its error: the client must not pass the key on.</summary>
    private static Task EchoKeyAsync(HttpContext context, FaultRule fault, string authorization)
    {
        var status = fault.Argument is { } code && code is >= 400 and < 600 ? (int)code : 500;
        var type = status switch
        {
            401 => "authentication_error",
            403 => "permission_error",
            < 500 => "invalid_request_error",
            _ => "server_error",
        };
        return SandboxJson.ErrorAsync(context, status, type, $"Upstream rejected the request headers: Authorization: {authorization}");
    }

    internal static Task RefuseAsync(HttpContext context, FaultRule fault)
    {
        switch (fault.Kind)
        {
            case FaultKind.RateLimit:
                var seconds = (int)Math.Ceiling(fault.Argument ?? 1);
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return SandboxJson.ErrorAsync(context, 429, "rate_limit_error", "Too many requests. Please try again later.");
            case FaultKind.BadGateway:
                return SandboxJson.ErrorAsync(context, 502, "bad_gateway", "Bad gateway. Please try again later.");
            default:
                return SandboxJson.ErrorAsync(context, 500, "server_error", "Internal server error. Please try again later.");
        }
    }

    /// <summary>The account a request speaks for when any token is accepted (a hash of the token, never the token); null otherwise.</summary>
    private static string? AccountOf(HttpContext context, SandboxOptions options)
    {
        if (!options.AcceptAnyKey)
        {
            return null;
        }

        var token = context.Request.Headers.Authorization.ToString();
        token = token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? token["Bearer ".Length..].Trim() : token;
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)))[..24];
    }

    internal static async Task<bool> AuthorizeAsync(HttpContext context, SandboxState state)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && (string.Equals(header["Bearer ".Length..].Trim(), state.Options.ApiKey, StringComparison.Ordinal)
                || (state.Options.AcceptAnyKey && header["Bearer ".Length..].Trim().Length > 0)))
        {
            return true;
        }

        state.Counters.Refused();
        await SandboxJson.ErrorAsync(context, 401, "authentication_error",
            "Authentication failed. Check your API key (the sandbox's token is printed when it starts).");
        return false;
    }

    private static async Task<SandboxAnswer> SubmitAsync(HttpContext context, SandboxState state, Modifiers modifiers)
    {
        var body = await ReadTextAsync(context, MaxSubmitBodyBytes);
        if (body is null)
        {
            return SandboxAnswer.Error(413, "invalid_request_error", "The request body is too large.");
        }

        state.ReceivedBodies.Enqueue(body);
        var key = context.Request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length > 0 && !IdempotencyRecords.IsValidKey(key))
        {
            return SandboxAnswer.Error(400, "invalid_request_error",
                $"{IdempotencyKeyHeader} must be 1 to 191 visible ASCII characters.");
        }

        // Each account has its own keys: another account's key replays nothing of this one's.
        if (key.Length > 0 && AccountOf(context, state.Options) is { } account)
        {
            key = account + ":" + key;
        }

        lock (state.Idempotency.Gate)
        {
            if (key.Length > 0 && state.Idempotency.Find(key) is { } earlier)
            {
                if (state.Idempotency.TakeBusy(key))
                {
                    return SandboxAnswer.Error(409, "idempotency_error",
                        $"A request with this {IdempotencyKeyHeader} is still being processed. Retry later.");
                }

                if (!string.Equals(earlier.Body, body, StringComparison.Ordinal))
                {
                    return SandboxAnswer.Error(409, "idempotency_error",
                        $"{IdempotencyKeyHeader} was already used with a different request body. Use a new key for a changed request.");
                }

                state.Counters.Replayed();
                return SubmitAnswer(state.Store.Find(earlier.TaskId)!, state.Options) with { Replayed = true };
            }

            var answer = Create(state, body, key.Length > 0 ? key : null, modifiers, AccountOf(context, state.Options), out var task);
            if (task is not null && key.Length > 0)
            {
                state.Idempotency.Add(key, body, task.Id);
                if (modifiers.BusySends > 0)
                {
                    state.Idempotency.HoldBusy(key, modifiers.BusySends);
                }
            }

            return answer;
        }
    }

    /// <summary>Validates, charges and stores a new task; <paramref name="task"/> is null when the request was refused.</summary>
    private static SandboxAnswer Create(SandboxState state, string body, string? key, Modifiers modifiers, string? account, out SandboxTask? task)
    {
        task = null;
        var (request, problems) = SandboxRequestReader.Read(body);
        if (request is null)
        {
            return SandboxAnswer.Error(400, "invalid_request_error",
                "Invalid request parameters: " + string.Join("; ", problems));
        }

        var validation = state.Models.Validator.Validate(request);
        if (!validation.IsValid)
        {
            return SandboxAnswer.Error(400, "invalid_request_error",
                "Invalid request parameters: " + string.Join("; ", validation.Violations.Select(v => v.ToString())));
        }

        var options = state.Options;
        var duration = options.TaskDuration;
        var queue = options.QueueTime < duration / 5 ? options.QueueTime : duration / 5;
        var factor = modifiers.EstimateFactor ?? options.EstimateFactor;
        var created = new SandboxTask
        {
            Id = SandboxTaskStore.NewTaskId(),
            Request = request,
            RawBody = body,
            CreatedAt = state.Time.GetUtcNow(),
            Duration = duration,
            QueueTime = queue,
            EstimatedTime = TimeSpan.FromSeconds(Math.Max(1, Math.Round(duration.TotalSeconds * factor))),
            Cost = SandboxPrices.CostOf(request, state.Models),
            WillFail = modifiers.FailTask,
            Account = account,
        };

        if (!state.Store.TryAdd(created, key))
        {
            return SandboxAnswer.Error(402, "payment_required",
                "Insufficient balance. Please top up and try again.");
        }

        state.Counters.TaskCreated();
        task = created;
        return SubmitAnswer(created, options);
    }

    private static SandboxAnswer SubmitAnswer(SandboxTask task, SandboxOptions options)
    {
        JsonNode answer = options.ObjectSubmitShape
            ? new JsonObject
            {
                ["code"] = 200,
                ["data"] = new JsonObject { ["id"] = task.Id, ["status"] = "pending", ["created"] = task.CreatedAt.ToUnixTimeSeconds() },
            }
            : new JsonObject
            {
                ["code"] = 200,
                ["data"] = new JsonArray(new JsonObject { ["status"] = "submitted", ["task_id"] = task.Id }),
            };
        return new SandboxAnswer(200, answer);
    }

    private static Task<SandboxAnswer> StatusAsync(HttpContext context, SandboxState state, Modifiers modifiers)
    {
        var id = context.Request.RouteValues["id"] as string ?? string.Empty;
        var task = state.Store.Find(id);
        if (task is null || task.Account != AccountOf(context, state.Options))
        {
            return Task.FromResult(SandboxAnswer.Error(400, "invalid_request_error",
                $"Task not found: {id}"));
        }

        var now = state.Time.GetUtcNow();
        if (modifiers.EchoAuthorization is { } echoed && !task.IsEndedAt(now))
        {
            task = task.FailedAt(now, $"Upstream rejected the request headers: Authorization: {echoed}");
            state.Store.Update(task);
        }

        var stateNow = task.StateAt(now);
        var data = new JsonObject
        {
            ["id"] = task.Id,
            ["status"] = stateNow switch
            {
                SeedanceTaskState.Queued => "pending",
                SeedanceTaskState.Running => "processing",
                SeedanceTaskState.Failed => "failed",
                _ => "completed",
            },
            ["progress"] = task.ProgressAt(now),
            ["created"] = task.CreatedAt.ToUnixTimeSeconds(),
            ["estimated_time"] = (long)task.EstimatedTime.TotalSeconds,
        };

        if (stateNow == SeedanceTaskState.Succeeded)
        {
            var completed = task.CompletesAt;
            var result = new JsonObject
            {
                ["videos"] = new JsonArray(new JsonObject
                {
                    ["url"] = new JsonArray(new Uri(state.BaseUrl, $"/files/videos/{task.Id}.mp4").AbsoluteUri),
                    ["expires_at"] = (completed + state.Options.ResultLifetime).ToUnixTimeSeconds(),
                }),
            };
            if (task.Request.ReturnLastFrame == true)
            {
                result["last_frame_url"] = new Uri(state.BaseUrl, $"/files/frames/{task.Id}.png").AbsoluteUri;
            }

            data["result"] = result;
            data["completed"] = completed.ToUnixTimeSeconds();
            data["actual_time"] = (long)Math.Round(task.Duration.TotalSeconds);
            data["cost"] = task.Cost;
            data["credits_cost"] = task.Cost * 10;
        }
        else if (stateNow == SeedanceTaskState.Failed)
        {
            data["completed"] = task.CompletesAt.ToUnixTimeSeconds();
            data["error"] = new JsonObject
            {
                ["code"] = "content_policy_violation",
                ["message"] = task.FailureMessage ?? "The sandbox was asked to fail this task (fault 'fail').",
                ["type"] = "task_failed",
            };
        }

        JsonNode answer = new JsonObject { ["code"] = 200, ["data"] = data };
        return Task.FromResult(new SandboxAnswer(200, answer));
    }

    private static async Task<SandboxAnswer> UploadAsync(HttpContext context, SandboxState state, Modifiers modifiers)
    {
        if (!context.Request.HasFormContentType)
        {
            return SandboxAnswer.Error(400, "invalid_request_error",
                "Send the image as multipart/form-data in the field 'file'.");
        }

        IFormFile? file;
        try
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            file = form.Files.GetFile("file");
        }
        catch (BadHttpRequestException)
        {
            return SandboxAnswer.Error(413, "invalid_request_error", "The file is larger than 20 MB.");
        }

        if (file is null)
        {
            return SandboxAnswer.Error(400, "invalid_request_error", "The form field 'file' is missing.");
        }

        if (file.Length > ImageFormat.MaxUploadBytes)
        {
            return SandboxAnswer.Error(400, "invalid_request_error", "The file is larger than 20 MB.");
        }

        using var copy = new MemoryStream();
        await file.CopyToAsync(copy, context.RequestAborted);
        var bytes = copy.ToArray();
        var contentType = ImageFormat.Detect(bytes);
        if (contentType is null)
        {
            return SandboxAnswer.Error(400, "invalid_request_error",
                $"Unsupported image format; use {ImageFormat.AcceptedFormats}.");
        }

        var name = Guid.NewGuid().ToString("N") + ImageFormat.ExtensionFor(contentType);
        state.Store.AddUpload(name, bytes, contentType);
        JsonNode answer = new JsonObject
        {
            ["url"] = new Uri(state.BaseUrl, "/files/uploads/" + name).AbsoluteUri,
            ["filename"] = Path.GetFileName(file.FileName),
            ["content_type"] = contentType,
            ["bytes"] = bytes.Length,
            ["created_at"] = state.Time.GetUtcNow().ToUnixTimeSeconds(),
        };
        return new SandboxAnswer(200, answer);
    }

    private static Task<SandboxAnswer> BalanceAsync(HttpContext context, SandboxState state, Modifiers modifiers)
    {
        JsonNode answer = new JsonObject
        {
            ["success"] = true,
            ["remain_balance"] = state.Store.StartingBalance - state.Store.Spent,
            ["used_balance"] = state.Store.Spent,
            ["unlimited_quota"] = false,
        };
        return Task.FromResult(new SandboxAnswer(200, answer));
    }

    private static async Task ServeResultAsync(HttpContext context, SandboxState state, string extension, string contentType,
        Func<SandboxTask, Task<byte[]>> content)
    {
        var name = context.Request.RouteValues["name"] as string ?? string.Empty;
        var task = name.EndsWith(extension, StringComparison.Ordinal) ? state.Store.Find(name[..^extension.Length]) : null;
        var now = state.Time.GetUtcNow();
        if (task is null || task.StateAt(now) != SeedanceTaskState.Succeeded
            || now > task.CompletesAt + state.Options.ResultLifetime
            || (extension == ".png" && task.Request.ReturnLastFrame != true))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var bytes = extension == ".mp4" && state.Options.VideoSizeBytes is not null ? SandboxMedia.Mp4 : await content(task);
        var length = extension == ".mp4" && state.Options.VideoSizeBytes is { } size ? size : bytes.Length;
        await ResultFiles.ServeAsync(context, state, bytes, length, contentType);
    }

    private static Task ServeUploadAsync(HttpContext context, SandboxState state)
    {
        var name = context.Request.RouteValues["name"] as string ?? string.Empty;
        if (state.Store.FindUpload(name) is not { } file)
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        }

        return Results.Bytes(file.Bytes, file.ContentType).ExecuteAsync(context);
    }

    private static Task StatsAsync(HttpContext context, SandboxState state)
    {
        var counters = state.Counters;
        return SandboxJson.WriteAsync(context, 200, new JsonObject
        {
            ["submits_received"] = counters.SubmitsReceived,
            ["tasks_created"] = counters.TasksCreated,
            ["replays"] = counters.Replays,
            ["status_calls"] = counters.StatusCalls,
            ["uploads"] = counters.Uploads,
            ["balance_calls"] = counters.BalanceCalls,
            ["faults_injected"] = counters.FaultsInjected,
            ["unauthorized"] = counters.Unauthorized,
            ["faults_pending"] = state.Faults.Pending,
            ["task_ids"] = new JsonArray(state.Store.Tasks.Select(t => (JsonNode)t.Id).ToArray()),
        });
    }

    private static async Task AddFaultsAsync(HttpContext context, SandboxState state)
    {
        var text = await ReadTextAsync(context, 4096) ?? string.Empty;
        try
        {
            state.Faults.Add(text);
        }
        catch (FormatException ex)
        {
            await SandboxJson.ErrorAsync(context, 400, "invalid_request_error", ex.Message);
            return;
        }

        await SandboxJson.WriteAsync(context, 200, new JsonObject { ["faults_pending"] = state.Faults.Pending });
    }

    /// <summary>The request body as text, or null when it is over <paramref name="limit"/> bytes.</summary>
    private static async Task<string?> ReadTextAsync(HttpContext context, int limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
