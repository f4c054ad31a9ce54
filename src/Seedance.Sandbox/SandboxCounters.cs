namespace Seedance.Sandbox;

/// <summary>What the sandbox has seen, so a test can prove that nothing was submitted twice. Thread-safe.</summary>
public sealed class SandboxCounters
{
    private long _submitsReceived;
    private long _tasksCreated;
    private long _statusCalls;
    private long _uploads;
    private long _balanceCalls;
    private long _modelFactCalls;
    private long _faultsInjected;
    private long _unauthorized;
    private long _replays;

    /// <summary>Authorized submit calls, whatever their answer (a refused or failed one counts too).</summary>
    public long SubmitsReceived => Interlocked.Read(ref _submitsReceived);

    /// <summary>Submits answered by replaying an earlier one with the same <c>Idempotency-Key</c> and body (nothing created, nothing charged).</summary>
    public long Replays => Interlocked.Read(ref _replays);

    /// <summary>Distinct tasks created (each one would be paid for at the real provider); replays do not count.</summary>
    public long TasksCreated => Interlocked.Read(ref _tasksCreated);

    /// <summary>Status calls.</summary>
    public long StatusCalls => Interlocked.Read(ref _statusCalls);

    /// <summary>Upload calls.</summary>
    public long Uploads => Interlocked.Read(ref _uploads);

    /// <summary>Balance calls.</summary>
    public long BalanceCalls => Interlocked.Read(ref _balanceCalls);

    /// <summary>Faults acted out.</summary>
    public long FaultsInjected => Interlocked.Read(ref _faultsInjected);

    /// <summary>Calls refused for a missing or wrong token.</summary>
    public long Unauthorized => Interlocked.Read(ref _unauthorized);

    /// <summary>Calls to the model facts: the list, model-schema and pricing.</summary>
    public long ModelFactCalls => Interlocked.Read(ref _modelFactCalls);

    internal void TaskCreated() => Interlocked.Increment(ref _tasksCreated);

    internal void Replayed() => Interlocked.Increment(ref _replays);

    /// <summary>Counts an authorized call to a provider endpoint, whatever its answer.</summary>
    internal void Called(Faults.FaultEndpoint endpoint)
    {
        switch (endpoint)
        {
            case Faults.FaultEndpoint.Submit:
                Interlocked.Increment(ref _submitsReceived);
                break;
            case Faults.FaultEndpoint.Status:
                Interlocked.Increment(ref _statusCalls);
                break;
            case Faults.FaultEndpoint.Upload:
                Interlocked.Increment(ref _uploads);
                break;
            case Faults.FaultEndpoint.Balance:
                Interlocked.Increment(ref _balanceCalls);
                break;
            case Faults.FaultEndpoint.Models:
                Interlocked.Increment(ref _modelFactCalls);
                break;
        }
    }
    internal void FaultInjected() => Interlocked.Increment(ref _faultsInjected);
    internal void Refused() => Interlocked.Increment(ref _unauthorized);
}
