using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Seedance.Mcp.Tests;

/// <summary>The built server as a child process serving Streamable HTTP on a free loopback port, keeping what it writes to stderr.</summary>
public sealed partial class HttpServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private HttpServerProcess(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    /// <summary>The MCP endpoint, <c>http://127.0.0.1:PORT/mcp</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>The server's process id (what it names itself by in the journal's leases).</summary>
    public int ProcessId => _process.Id;

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

    public static async Task<HttpServerProcess> StartAsync(IDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "seedance-mcp.dll"));
        foreach (var argument in (string[])["--http", "--port", "0", .. args])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("SEEDANCE_API_KEY");
        start.Environment.Remove("APIMART_API_KEY");
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

        var process = Process.Start(start)!;
        var started = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }

            if (e.Data is { } line && Listening().Match(line) is { Success: true } match)
            {
                started.TrySetResult(new Uri(match.Groups[1].Value.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal)));
            }
        };
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException($"The server exited with {process.ExitCode}: {log}"));
        process.EnableRaisingEvents = true;
        process.BeginErrorReadLine();
        try
        {
            var endpoint = await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var server = new HttpServerProcess(process, endpoint);
            process.ErrorDataReceived += (_, e) =>
            {
                lock (server._stderr)
                {
                    server._stderr.AppendLine(e.Data);
                }
            };
            return server;
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    [GeneratedRegex(@"Streamable HTTP at (http://\S+/mcp)")]
    private static partial Regex Listening();
}
