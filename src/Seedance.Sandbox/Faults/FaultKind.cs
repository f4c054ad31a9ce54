namespace Seedance.Sandbox.Faults;

/// <summary>The failures the sandbox can act out.</summary>
public enum FaultKind
{
    /// <summary>429 with <c>Retry-After</c> (argument: seconds, default 1).</summary>
    RateLimit,
    /// <summary>500 <c>server_error</c>.</summary>
    ServerError,
    /// <summary>502 <c>bad_gateway</c>.</summary>
    BadGateway,
    /// <summary>Waits before answering normally (argument: milliseconds, default 1000).</summary>
    Latency,
    /// <summary>Reads the request, does the work, then drops the connection without an answer.</summary>
    Drop,
    /// <summary>Does the work, then answers 200 with a body that is not JSON.</summary>
    Malformed,
    /// <summary>Does the work, then answers 200 with JSON cut off halfway.</summary>
    Truncated,
    /// <summary>On submit: the task is accepted and later ends <c>failed</c> with an <c>error</c> object.</summary>
    FailTask,
    /// <summary>On submit: <c>estimated_time</c> is this factor times the real duration (argument, default 10).</summary>
    EstimateSkew,
    /// <summary>
    /// An error envelope whose message echoes the request's <c>Authorization</c> header (argument: the status, default 500); on
    /// status, the task fails from then on with an error message echoing it. For testing that clients redact it.
    /// </summary>
    EchoKey,
    /// <summary>Result files only: the body is streamed at this many bytes per second (argument, required), on the sandbox's clock.</summary>
    Throttle,
    /// <summary>Result files only: headers (and the first <c>argument</c> bytes, default 0) are sent, then the body stops until the client gives up.</summary>
    Stall,
    /// <summary>Result files only: 200 <c>text/html</c> with an error page instead of the file.</summary>
    Html,
    /// <summary>Result files only: 200 with an empty body.</summary>
    Empty,
    /// <summary>Result files only: 302 to <c>file:///etc/passwd</c>.</summary>
    RedirectFile,

    /// <summary>
    /// Submit only: the request is still being processed after it was answered, so the next <c>argument</c> (default 1) sends
    /// of the same <c>Idempotency-Key</c> are answered 409 "still being processed" (as the IETF Idempotency-Key draft
    /// prescribes while the original is in flight), not with the task it created.
    /// </summary>
    Busy,
}
