using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Seedance.Testing;

/// <summary>
/// A PostgreSQL server for the tests that need one: <c>SEEDANCE_TEST_POSTGRES_URL</c> when set, otherwise a private cluster
/// started once per test process from the installed binaries (<c>/usr/lib/postgresql/*/bin</c>) in a temporary folder, on a
/// free loopback port, as the <c>postgres</c> user when the tests run as root (PostgreSQL refuses root), stopped when the
/// process ends. Each caller gets a database of its own. Where PostgreSQL is not installed the test skips (fails in CI,
/// <c>SEEDANCE_TESTS_REQUIRE_ALL=1</c>); <c>SEEDANCE_TEST_POSTGRES_BIN</c> names the folder of its programs instead.
/// </summary>
internal static class PostgresServer
{
    public const string UrlVariable = "SEEDANCE_TEST_POSTGRES_URL";

    private static readonly Lazy<(string? Url, string? Problem)> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databases;

    /// <summary>The URL of a new, empty database (skips the test, or fails it in CI, when there is no PostgreSQL).</summary>
    public static string NewDatabase()
    {
        var (url, problem) = Server.Value;
        if (url is null)
        {
            RequiredPrograms.Missing($"needs PostgreSQL ({problem}); to run it: apt-get install postgresql nginx, or set {UrlVariable}");
        }

        if (Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 })
        {
            return url!;
        }

        var name = $"seedance_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..6]}";
        var uri = new Uri(url!);
        Run(Bin("createdb"), ["-h", uri.Host, "-p", uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", name], asPostgres: false);
        return $"postgres://postgres@{uri.Host}:{uri.Port}/{name}";
    }

    private static (string?, string?) Start()
    {
        if (Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } given)
        {
            return (given, null);
        }

        if (Bin("initdb") is not { } initdb || Bin("pg_ctl") is not { } pgctl)
        {
            return (null, Environment.GetEnvironmentVariable(RequiredPrograms.PostgresBinVariable) is { Length: > 0 } folder
                ? $"initdb and pg_ctl not found in {folder} ({RequiredPrograms.PostgresBinVariable})"
                : "initdb and pg_ctl not found under /usr/lib/postgresql/*/bin");
        }

        var root = Path.Combine(Path.GetTempPath(), $"seedance-pg-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(root);
        var asPostgres = Environment.UserName == "root";
        try
        {
            if (asPostgres)
            {
                Run("chown", ["-R", "postgres:postgres", root], asPostgres: false);
            }

            Run(initdb, ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"], asPostgres);
            var port = FreePort();
            Run(pgctl, ["-D", data, "-l", Path.Combine(root, "log"), "-o", $"-p {port} -k {root} -h 127.0.0.1 -c fsync=off", "-w", "start"], asPostgres);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    Run(pgctl, ["-D", data, "-m", "immediate", "stop"], asPostgres);
                    Directory.Delete(root, recursive: true);
                }
                catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
                {
                }
            };
            return ($"postgres://postgres@127.0.0.1:{port}/postgres", null);
        }
        catch (InvalidOperationException ex)
        {
            return (null, ex.Message);
        }
    }

    private static string? Bin(string program)
    {
        if (Environment.GetEnvironmentVariable(RequiredPrograms.PostgresBinVariable) is { Length: > 0 } folder)
        {
            return File.Exists(Path.Combine(folder, program)) ? Path.Combine(folder, program) : null;
        }

        const string Installed = "/usr/lib/postgresql";
        if (!Directory.Exists(Installed))
        {
            return RequiredPrograms.Find(program);
        }

        return Directory.GetDirectories(Installed).OrderDescending().Select(v => Path.Combine(v, "bin", program)).FirstOrDefault(File.Exists)
            ?? RequiredPrograms.Find(program);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string? program, string[] arguments, bool asPostgres)
    {
        ArgumentNullException.ThrowIfNull(program);
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgres)
        {
            foreach (var prefix in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed: {error.Result} {output.Result}".Trim());
        }
    }
}
