using System.Collections.Concurrent;

namespace Seedance.Sandbox.Tasks;

/// <summary>The sandbox's tasks and uploaded files, in memory; the tasks also in a file when one is given (see <see cref="SandboxTaskFile"/>).</summary>
internal sealed class SandboxTaskStore
{
    private readonly ConcurrentDictionary<string, SandboxTask> _tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string ContentType)> _uploads = new(StringComparer.Ordinal);
    private readonly Lock _balanceGate = new();
    private readonly SandboxTaskFile? _file;
    private decimal _spent;

    public SandboxTaskStore(decimal startingBalance, SandboxTaskFile? file = null)
    {
        StartingBalance = startingBalance;
        _file = file;
    }

    /// <summary>Takes back the tasks a sandbox on the same file created before (their charges included); returns each with its key.</summary>
    public IReadOnlyList<(SandboxTask Task, string? Key)> Restore()
    {
        var restored = _file?.Load() ?? [];
        lock (_balanceGate)
        {
            foreach (var (task, _) in restored)
            {
                if (_tasks.TryAdd(task.Id, task))
                {
                    _spent += task.Cost;
                }
            }
        }

        return restored;
    }

    public decimal StartingBalance { get; }

    public decimal Spent
    {
        get
        {
            lock (_balanceGate)
            {
                return _spent;
            }
        }
    }

    public IReadOnlyCollection<SandboxTask> Tasks => _tasks.Values.ToArray();

    /// <summary>Charges the cost and stores the task (created with <paramref name="key"/>); false when the balance does not cover it.</summary>
    public bool TryAdd(SandboxTask task, string? key = null)
    {
        lock (_balanceGate)
        {
            if (StartingBalance - _spent < task.Cost)
            {
                return false;
            }

            _spent += task.Cost;
        }

        _tasks[task.Id] = task;
        _file?.Append(task, key);
        return true;
    }

    public SandboxTask? Find(string id) => _tasks.TryGetValue(id, out var task) ? task : null;

    /// <summary>Replaces a stored task (same id, no new charge).</summary>
    public void Update(SandboxTask task) => _tasks[task.Id] = task;

    public void AddUpload(string name, byte[] bytes, string contentType) => _uploads[name] = (bytes, contentType);

    public (byte[] Bytes, string ContentType)? FindUpload(string name) => _uploads.TryGetValue(name, out var file) ? file : null;

    public static string NewTaskId()
    {
        // Shaped like the provider's ids: "task_01" and 24 Crockford base-32 characters.
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        Span<byte> random = stackalloc byte[24];
        System.Security.Cryptography.RandomNumberGenerator.Fill(random);
        Span<char> chars = stackalloc char[24];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random[i] % alphabet.Length];
        }

        return "task_01" + new string(chars);
    }
}
