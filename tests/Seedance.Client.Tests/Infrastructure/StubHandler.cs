using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Seedance.Client.Tests.Infrastructure;

/// <summary>An in-process HTTP handler answering from a script, recording every request it saw.</summary>
public sealed class StubHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpRequestMessage, Task<HttpResponseMessage>>> _script = new();
    private Func<HttpRequestMessage, Task<HttpResponseMessage>>? _fallback;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The clock that stamps recorded requests.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public int Count(HttpMethod method) => Requests.Count(r => r.Method == method);

    public StubHandler Then(Func<HttpRequestMessage, Task<HttpResponseMessage>> answer)
    {
        _script.Enqueue(answer);
        return this;
    }

    public StubHandler Then(HttpStatusCode status, string body, string contentType = "application/json", Action<HttpResponseMessage>? edit = null) =>
        Then(_ =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
            edit?.Invoke(response);
            return Task.FromResult(response);
        });

    /// <summary>Never answers; the call ends only when its token is cancelled.</summary>
    public StubHandler Hangs() => Then(Hang);

    private static Task<HttpResponseMessage> Hang(HttpRequestMessage request) => throw new InvalidOperationException("never called");

    public StubHandler Throws(Exception exception) => Then(_ => Task.FromException<HttpResponseMessage>(exception));

    public StubHandler Otherwise(HttpStatusCode status, string body) =>
        Otherwise(_ => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") }));

    public StubHandler Otherwise(Func<HttpRequestMessage, Task<HttpResponseMessage>> answer)
    {
        _fallback = answer;
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(),
            request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null, body, Clock.GetUtcNow()));
        var answer = _script.TryDequeue(out var next) ? next : _fallback
            ?? throw new InvalidOperationException($"No scripted answer for {request.Method} {request.RequestUri}.");
        if (answer == Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        var response = await answer(request);
        response.RequestMessage = request;
        return response;
    }
}

public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? IdempotencyKey, string? Body, DateTimeOffset At);
