using System.Globalization;
using Microsoft.AspNetCore.Http;
using Seedance.Sandbox.Faults;

namespace Seedance.Sandbox.Endpoints;

/// <summary>
/// Serves result files (videos, last frames): whole, or from a <c>Range: bytes=…</c> (206) so a download can resume, and
/// spoiled as the <c>files/…</c> faults ask (throttled, stalled, an HTML page, empty, a redirect to <c>file://</c>, cut off).
/// The body is made from the file repeated up to its length, so a large synthetic video is never held in memory.
/// </summary>
internal static class ResultFiles
{
    private const int ChunkBytes = 64 * 1024;
    private static readonly TimeSpan ThrottleTick = TimeSpan.FromMilliseconds(100);

    public static async Task ServeAsync(HttpContext context, SandboxState state, byte[] pattern, long length, string contentType)
    {
        List<FaultRule> faults;
        try
        {
            faults = [.. state.Faults.Take(FaultEndpoint.Files),
                .. FaultRule.ParseList(context.Request.Headers[SandboxEndpoints.FaultHeader].ToString()).Where(f => f.Matches(FaultEndpoint.Files))];
        }
        catch (FormatException ex)
        {
            await SandboxJson.ErrorAsync(context, 400, "invalid_request_error", $"{SandboxEndpoints.FaultHeader}: {ex.Message}");
            return;
        }

        foreach (var fault in faults)
        {
            state.Counters.FaultInjected();
        }

        if (faults.FirstOrDefault(f => f.Kind is FaultKind.RateLimit or FaultKind.ServerError or FaultKind.BadGateway) is { } refusal)
        {
            await SandboxEndpoints.RefuseAsync(context, refusal);
            return;
        }

        foreach (var latency in faults.Where(f => f.Kind == FaultKind.Latency))
        {
            // Real time, as for the provider's endpoints: latency is for client timeouts.
            await Task.Delay(TimeSpan.FromMilliseconds(latency.Argument ?? 1000), context.RequestAborted);
        }

        var response = context.Response;
        switch (faults.FirstOrDefault(f => f.Kind is FaultKind.Drop or FaultKind.RedirectFile or FaultKind.Html or FaultKind.Empty)?.Kind)
        {
            case FaultKind.Drop:
                context.Abort();
                return;
            case FaultKind.RedirectFile:
                response.StatusCode = StatusCodes.Status302Found;
                response.Headers.Location = "file:///etc/passwd";
                return;
            case FaultKind.Html:
                response.StatusCode = 200;
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync("<!DOCTYPE html><html><body><h1>503 Service Temporarily Unavailable</h1></body></html>", context.RequestAborted);
                return;
            case FaultKind.Empty:
                response.StatusCode = 200;
                response.ContentType = contentType;
                response.ContentLength = 0;
                return;
        }

        response.Headers.AcceptRanges = "bytes";
        if (!TryReadRange(context.Request.Headers.Range.ToString(), length, out var start, out var end))
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes */{length}");
            return;
        }

        var partial = start > 0 || end < length - 1;
        response.StatusCode = partial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
        if (partial)
        {
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {start}-{end}/{length}");
        }

        response.ContentType = contentType;
        var count = end - start + 1;
        response.ContentLength = count;
        var stallAfter = faults.FirstOrDefault(f => f.Kind == FaultKind.Stall) is { } stall ? (long)(stall.Argument ?? 0) : (long?)null;
        var cutAfter = faults.Any(f => f.Kind == FaultKind.Truncated) ? count / 2 : (long?)null;
        var rate = faults.LastOrDefault(f => f.Kind == FaultKind.Throttle)?.Argument;
        try
        {
            await WriteAsync(context, state.Time, pattern, start, count, rate, stallAfter, cutAfter);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (a stall or a slow link): nothing more to send.
        }
    }

    private static async Task WriteAsync(HttpContext context, TimeProvider time, byte[] pattern, long start, long count, double? rate,
        long? stallAfter, long? cutAfter)
    {
        var body = context.Response.Body;
        var aborted = context.RequestAborted;
        var chunkSize = rate is { } r ? (int)Math.Clamp(r * ThrottleTick.TotalSeconds, 1, ChunkBytes) : ChunkBytes;
        var chunk = new byte[chunkSize];
        await context.Response.StartAsync(aborted);
        for (long sent = 0; sent < count;)
        {
            var limit = Math.Min(stallAfter ?? long.MaxValue, cutAfter ?? long.MaxValue);
            if (sent >= limit)
            {
                await body.FlushAsync(aborted);
                if (stallAfter is not null && sent >= stallAfter)
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, aborted);
                }

                context.Abort();
                return;
            }

            var n = (int)Math.Min(Math.Min(chunkSize, count - sent), limit - sent);
            Fill(pattern, start + sent, chunk.AsSpan(0, n));
            await body.WriteAsync(chunk.AsMemory(0, n), aborted);
            sent += n;
            if (rate is not null && sent < count)
            {
                await body.FlushAsync(aborted);
                await Task.Delay(ThrottleTick, time, aborted);
            }
        }
    }

    /// <summary>The bytes at <paramref name="offset"/> of the file made by repeating <paramref name="pattern"/>.</summary>
    private static void Fill(byte[] pattern, long offset, Span<byte> into)
    {
        var filled = 0;
        while (filled < into.Length)
        {
            var at = (int)((offset + filled) % pattern.Length);
            var n = Math.Min(pattern.Length - at, into.Length - filled);
            pattern.AsSpan(at, n).CopyTo(into[filled..]);
            filled += n;
        }
    }

    /// <summary>
    /// One range of <c>bytes=N-</c>, <c>bytes=N-M</c> or <c>bytes=-S</c>; no (or an unreadable or multiple) range means the whole
    /// file. False when the range starts past the end (416).
    /// </summary>
    internal static bool TryReadRange(string header, long length, out long start, out long end)
    {
        start = 0;
        end = length - 1;
        if (!header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(',', StringComparison.Ordinal))
        {
            return true;
        }

        var spec = header["bytes=".Length..].Trim();
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return true;
        }

        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            if (long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix) && suffix > 0)
            {
                start = Math.Max(0, length - suffix);
            }

            return length > 0;
        }

        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
        {
            return true;
        }

        if (from >= length)
        {
            return false;
        }

        start = from;
        if (last.Length > 0 && long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var to) && to >= from)
        {
            end = Math.Min(to, length - 1);
        }

        return true;
    }
}
