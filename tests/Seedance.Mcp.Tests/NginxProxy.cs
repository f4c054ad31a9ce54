using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Seedance.Testing;

namespace Seedance.Mcp.Tests;

/// <summary>
/// nginx from the system (Debian's package) as a round-robin load balancer on a free loopback port in front of the given
/// server ports, run as <c>www-data</c> when the tests run as root; skipped where nginx is missing (failed in CI).
/// </summary>
internal sealed class NginxProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private NginxProxy(Process process, string folder, Uri endpoint)
    {
        _process = process;
        _folder = folder;
        Endpoint = endpoint;
    }

    /// <summary>The MCP endpoint through the balancer.</summary>
    public Uri Endpoint { get; }

    public static async Task<NginxProxy> StartAsync(params int[] upstreamPorts)
    {
        var nginx = RequiredPrograms.Nginx();
        if (nginx is null)
        {
            RequiredPrograms.Missing($"needs nginx (not found: {Environment.GetEnvironmentVariable(RequiredPrograms.NginxVariable) ?? "/usr/sbin/nginx or on PATH"}); to run it: apt-get install postgresql nginx");
        }

        var folder = Path.Combine(Path.GetTempPath(), "seedance-nginx-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var servers = string.Join("\n", upstreamPorts.Select(p => $"    server 127.0.0.1:{p} max_fails=1 fail_timeout=3s;"));
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            daemon off;
            events { worker_connections 2048; }
            http {
              access_log off;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              upstream seedance {
            {{servers}}
                keepalive 64;
              }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://seedance;
                  proxy_http_version 1.1;
                  proxy_set_header Host $http_host;
                  proxy_set_header Connection "";
                  proxy_buffering off;
                  proxy_read_timeout 120s;
                  proxy_next_upstream error timeout;
                }
              }
            }
            """);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            using var chown = Process.Start("chown", ["-R", "www-data:www-data", folder]);
            await chown!.WaitForExitAsync();
        }

        var start = new ProcessStartInfo(asRoot ? "runuser" : nginx!) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in (asRoot ? ["-u", "www-data", "--", nginx!] : Array.Empty<string>()).Concat(["-p", folder, "-e", Path.Combine(folder, "error.log"), "-c", Path.Combine(folder, "nginx.conf")]))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited: {await process.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return new NginxProxy(process, folder, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/mcp"));
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("nginx did not start listening");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
