namespace Seedance.Sandbox.Tasks;

/// <summary>
/// Which task each <c>Idempotency-Key</c> created, with the body it came with, as the provider keeps them: the same key
/// and the same bytes get the same task again; the same key with other bytes is refused. Callers hold <see cref="Gate"/>
/// from the look-up to the record, so two racing identical submits still make one task.
/// </summary>
internal sealed class IdempotencyRecords
{
    private readonly Dictionary<string, (string Body, string TaskId)> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _busy = new(StringComparer.Ordinal);

    public Lock Gate { get; } = new();

    public (string Body, string TaskId)? Find(string key) => _byKey.TryGetValue(key, out var record) ? record : null;

    public void Add(string key, string body, string taskId) => _byKey[key] = (body, taskId);

    /// <summary>Keeps <paramref name="key"/>'s request "still being processed" for the next <paramref name="sends"/> sends of it.</summary>
    public void HoldBusy(string key, int sends) => _busy[key] = sends;

    /// <summary>True (and counts one down) when <paramref name="key"/>'s request is still being processed.</summary>
    public bool TakeBusy(string key)
    {
        if (!_busy.TryGetValue(key, out var left) || left <= 0)
        {
            return false;
        }

        _busy[key] = left - 1;
        return true;
    }

    /// <summary>The provider's rule for keys: 1 to 191 visible ASCII characters.</summary>
    public static bool IsValidKey(string key) => key.Length is >= 1 and <= 191 && key.All(c => c is > ' ' and <= '~');
}
