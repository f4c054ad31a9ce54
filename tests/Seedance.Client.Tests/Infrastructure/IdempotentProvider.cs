using System.Net;
using System.Text;

namespace Seedance.Client.Tests.Infrastructure;

/// <summary>
/// A stand-in provider that honours <c>Idempotency-Key</c> as APIMart documents it (same key and body: the same task again,
/// with <c>Idempotency-Replayed: true</c>; same key, other body: 409), and spoils its next answers as scripted.
/// </summary>
public sealed class IdempotentProvider : HttpMessageHandler
{
    private readonly Dictionary<string, (string Body, string TaskId)> _byKey = new(StringComparer.Ordinal);
    private readonly Queue<Fault> _faults = new();
    private readonly Lock _gate = new();

    public enum Fault
    {
        /// <summary>500 before doing anything.</summary>
        ServerErrorBeforeWork,
        /// <summary>Creates the task, then drops the connection.</summary>
        DropAfterWork,
        /// <summary>Creates the task, then never answers.</summary>
        HangAfterWork,
        /// <summary>Creates the task, then sends half of the JSON.</summary>
        TruncatedAfterWork,
        /// <summary>Creates the task, then answers 502.</summary>
        BadGatewayAfterWork,
        /// <summary>Creates the task, then answers 200 with no id in it.</summary>
        NoIdAfterWork,
    }

    public int Posts { get; private set; }

    public int TasksCreated { get; private set; }

    public List<(string? Key, string Body)> Received { get; } = [];

    public IdempotentProvider Then(params Fault[] faults)
    {
        foreach (var fault in faults)
        {
            _faults.Enqueue(fault);
        }

        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        var key = request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null;
        Fault? fault;
        string? taskId;
        var replayed = false;
        lock (_gate)
        {
            Posts++;
            Received.Add((key, body));
            fault = _faults.TryDequeue(out var next) ? next : null;
            if (fault == Fault.ServerErrorBeforeWork)
            {
                return Json(HttpStatusCode.InternalServerError, ProviderBodies.Error(500, "server_error"));
            }

            if (key is not null && _byKey.TryGetValue(key, out var earlier))
            {
                if (earlier.Body != body)
                {
                    return Json(HttpStatusCode.Conflict, ProviderBodies.Error(409, "idempotency_error", "Idempotency-Key reused with a different body"));
                }

                taskId = earlier.TaskId;
                replayed = true;
            }
            else
            {
                taskId = $"task_01STUB{++TasksCreated}";
                if (key is not null)
                {
                    _byKey[key] = (body, taskId);
                }
            }
        }

        var answer = "{\"code\":200,\"data\":[{\"status\":\"submitted\",\"task_id\":\"" + taskId + "\"}]}";
        switch (fault)
        {
            case Fault.DropAfterWork:
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.");
            case Fault.HangAfterWork:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("unreachable");
            case Fault.TruncatedAfterWork:
                return new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Content = new StreamContent(new StallingStream(Encoding.UTF8.GetBytes(answer[..(answer.Length / 2)]), breaks: true)),
                };
            case Fault.BadGatewayAfterWork:
                return Json(HttpStatusCode.BadGateway, ProviderBodies.Error(502, "bad_gateway"));
            case Fault.NoIdAfterWork:
                return Json(HttpStatusCode.OK, """{"code":200,"data":[{"status":"submitted"}]}""");
        }

        var response = Json(HttpStatusCode.OK, answer);
        if (replayed)
        {
            response.Headers.Add("Idempotency-Replayed", "true");
        }

        return response;
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
