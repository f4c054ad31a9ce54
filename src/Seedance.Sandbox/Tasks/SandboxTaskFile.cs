using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Seedance.Sandbox.Endpoints;

namespace Seedance.Sandbox.Tasks;

/// <summary>
/// The sandbox's tasks on disk, one JSON line per task created (the body as received, its clock and price, the
/// <c>Idempotency-Key</c> it came with), so a sandbox started again on the same file knows them: a task submitted by one
/// server process can be checked, replayed and downloaded from the next. Only creations are written; a fault acted out on a
/// running task later (a failure it was given) is not kept. Lines that cannot be read are skipped.
/// </summary>
internal sealed class SandboxTaskFile
{
    private readonly string _path;
    private readonly Lock _gate = new();

    public SandboxTaskFile(string path)
    {
        _path = Path.GetFullPath(path);
    }

    /// <summary>The tasks written so far, oldest first, each with the key it came with (or null).</summary>
    public IReadOnlyList<(SandboxTask Task, string? Key)> Load()
    {
        if (!File.Exists(_path))
        {
            return [];
        }

        var tasks = new List<(SandboxTask, string?)>();
        foreach (var line in File.ReadLines(_path, Encoding.UTF8))
        {
            if (Read(line) is { } task)
            {
                tasks.Add(task);
            }
        }

        return tasks;
    }

    /// <summary>Appends <paramref name="task"/> (created with <paramref name="key"/>); a file that cannot be written leaves the task in memory only.</summary>
    public void Append(SandboxTask task, string? key)
    {
        var line = new JsonObject
        {
            ["id"] = task.Id,
            ["body"] = task.RawBody,
            ["created"] = task.CreatedAt.ToUnixTimeMilliseconds(),
            ["duration_ms"] = (long)task.Duration.TotalMilliseconds,
            ["queue_ms"] = (long)task.QueueTime.TotalMilliseconds,
            ["estimated_ms"] = (long)task.EstimatedTime.TotalMilliseconds,
            ["cost"] = task.Cost.ToString(CultureInfo.InvariantCulture),
            ["will_fail"] = task.WillFail,
            ["key"] = key,
            ["account"] = task.Account,
        }.ToJsonString();
        lock (_gate)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
                File.AppendAllText(_path, line + "\n", Encoding.UTF8);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The sandbox is a stand-in: a task it cannot write down still works until the process ends.
            }
        }
    }

    private static (SandboxTask, string?)? Read(string line)
    {
        try
        {
            if (JsonNode.Parse(line) is not JsonObject o || o["body"]?.GetValue<string>() is not { } body
                || SandboxRequestReader.Read(body).Request is not { } request)
            {
                return null;
            }

            var task = new SandboxTask
            {
                Id = o["id"]!.GetValue<string>(),
                Request = request,
                RawBody = body,
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(o["created"]!.GetValue<long>()),
                Duration = TimeSpan.FromMilliseconds(o["duration_ms"]!.GetValue<long>()),
                QueueTime = TimeSpan.FromMilliseconds(o["queue_ms"]!.GetValue<long>()),
                EstimatedTime = TimeSpan.FromMilliseconds(o["estimated_ms"]!.GetValue<long>()),
                Cost = decimal.Parse(o["cost"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                WillFail = o["will_fail"]?.GetValue<bool>() ?? false,
                Account = o["account"]?.GetValue<string>(),
            };
            return (task, o["key"]?.GetValue<string>());
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException or NullReferenceException)
        {
            return null;
        }
    }
}
