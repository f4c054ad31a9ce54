using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Seedance.Mcp.Tests;

/// <summary>The built server as a child process spoken to in raw JSON-RPC lines, keeping every byte it writes, so tests can scan them.</summary>
public sealed class StdioServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private int _id;

    private StdioServerProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static Task<StdioServerProcess> StartAsync(IDictionary<string, string?> environment, params string[] args) =>
        StartAsync("dotnet", [ServerDll, .. args], environment);

    /// <summary>
    /// Starts the server in a mount namespace of its own with a tmpfs of <paramref name="size"/> (such as <c>1m</c>) mounted
    /// over each of <paramref name="disks"/> (existing folders), so a test can fill the server's disk. The mounts live and die
    /// with the process and the host never sees them; the test reaches them through <see cref="Inside"/>. Needs
    /// <c>unshare</c> and root (or unprivileged user namespaces); without them this throws, it never quietly skips.
    /// </summary>
    public static async Task<StdioServerProcess> StartOnSmallDisksAsync(IDictionary<string, string?> environment, IReadOnlyList<string> disks,
        string size, params string[] args)
    {
        // unshare and sh exec in turn, so the process started is the server itself: its id is the server's, and killing it
        // ends the namespace and its mounts.
        const string MountThenExec = """
            size=$1; shift
            while [ "$1" != -- ]; do mount -t tmpfs -o "size=$size" seedance-test-disk "$1" || exit 97; shift; done
            shift
            exec "$@"
            """;
        string[] command =
        [
            Environment.IsPrivilegedProcess ? "-m" : "-rm", "--", "sh", "-c", MountThenExec, "sh", size,
            .. disks.Select(Path.GetFullPath), "--", "dotnet", ServerDll, .. args,
        ];
        try
        {
            return await StartAsync("unshare", command, environment);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException(
                "This test fills a small private disk: it needs `unshare -m` and `mount -t tmpfs` (as root, or with unprivileged user "
                + $"namespaces), as CI has. Starting the server that way failed: {ex.Message}", ex);
        }
    }

    /// <summary>Where the test reaches <paramref name="path"/> as the server sees it (through its mount namespace).</summary>
    public string Inside(string path) => $"/proc/{_process.Id}/root{Path.GetFullPath(path)}";

    private static string ServerDll => Path.Combine(AppContext.BaseDirectory, "seedance-mcp.dll");

    private static async Task<StdioServerProcess> StartAsync(string program, IEnumerable<string> arguments, IDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("SEEDANCE_API_KEY");
        start.Environment.Remove("APIMART_API_KEY");

        // These clients cannot be asked the price question: confirmation is off ("off", the user's choice) unless a test sets it.
        start.Environment["SEEDANCE_CONFIRM_ABOVE_USD"] = "off";
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var server = new StdioServerProcess(Process.Start(start)!);
        await server.RequestAsync("initialize", new JsonObject
        {
            ["protocolVersion"] = "2025-06-18",
            ["capabilities"] = new JsonObject(),
            ["clientInfo"] = new JsonObject { ["name"] = "fault-tests", ["version"] = "1" },
        });
        await server.SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = "notifications/initialized" });
        return server;
    }

    /// <summary>Calls a tool and returns its result object (structured content or error text inside).</summary>
    public async Task<JsonNode> CallAsync(string tool, JsonObject arguments) =>
        (await RequestAsync("tools/call", new JsonObject { ["name"] = tool, ["arguments"] = arguments }))["result"]!;

    public Task<JsonNode> RequestAsync(string method, JsonObject parameters) =>
        RequestAsync(id => SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters }));

    /// <summary>Sends a request whose params are raw JSON text (for what <see cref="JsonObject"/> cannot write, such as a lone <c>\ud800</c>).</summary>
    public Task<JsonNode> RequestRawAsync(string method, string parametersJson) =>
        RequestAsync(async id =>
        {
            await _process.StandardInput.WriteLineAsync("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + parametersJson + "}");
            await _process.StandardInput.FlushAsync();
        });

    private async Task<JsonNode> RequestAsync(Func<int, Task> send)
    {
        var id = Interlocked.Increment(ref _id);
        await send(id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var line = await _process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException($"The server closed stdout. stderr: {Stderr}");
            lock (_stdout)
            {
                _stdout.AppendLine(line);
            }

            var message = JsonNode.Parse(line)!;
            if (message["id"]?.GetValue<int>() == id)
            {
                return message;
            }
        }
    }

    /// <summary>Ends the process at once, as a crash or a closed laptop would.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    private async Task SendAsync(JsonObject message)
    {
        await _process.StandardInput.WriteLineAsync(message.ToJsonString());
        await _process.StandardInput.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
