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
}
