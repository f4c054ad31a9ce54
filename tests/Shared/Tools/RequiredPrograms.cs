namespace Seedance.Testing;

/// <summary>
/// Programs some tests need that the .NET SDK does not bring (ffmpeg for films and rendered clips). Where one is missing the
/// test is reported as skipped with the command that installs it; where <c>SEEDANCE_TESTS_REQUIRE_ALL=1</c> is set (CI sets
/// it after installing them) a missing program fails the test instead, so nothing is silently untested there.
/// The hosted-mode tests look for PostgreSQL and nginx where Debian installs them, or where <see cref="PostgresBinVariable"/> and
/// <see cref="NginxVariable"/> say (pointing them at a folder that does not exist shows what a machine without them reports).
/// </summary>
internal static class RequiredPrograms
{
    public const string RequireAllVariable = "SEEDANCE_TESTS_REQUIRE_ALL";

    /// <summary>The folder holding PostgreSQL's <c>initdb</c> and <c>pg_ctl</c>; when set, the only place they are looked for.</summary>
    public const string PostgresBinVariable = "SEEDANCE_TEST_POSTGRES_BIN";

    /// <summary>The nginx program; when set, the only one used.</summary>
    public const string NginxVariable = "SEEDANCE_TEST_NGINX";

    /// <summary>nginx: <see cref="NginxVariable"/>, else Debian's <c>/usr/sbin/nginx</c>, else <c>PATH</c>; null when none exists.</summary>
    public static string? Nginx() =>
        Environment.GetEnvironmentVariable(NginxVariable) is { Length: > 0 } given
            ? (File.Exists(given) ? given : null)
            : File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : Find("nginx");

    /// <summary>
    /// Reports the calling test as skipped with <paramref name="reason"/> (one line: what is missing and how to install it), or,
    /// where <see cref="RequireAllVariable"/> is 1 (CI), fails it.
    /// </summary>
    public static void Missing(string reason)
    {
        if (Environment.GetEnvironmentVariable(RequireAllVariable) == "1")
        {
            Assert.Fail($"{reason}. {RequireAllVariable}=1 is set (CI), so a missing program is a failure, not a skip.");
        }

        Skip.If(true, reason);
    }

    /// <summary>Skips (or in CI fails) the calling test unless both ffmpeg and ffprobe are on <c>PATH</c>.</summary>
    public static void Ffmpeg() => Require("ffmpeg and ffprobe", "apt-get install ffmpeg (or brew install ffmpeg, winget install ffmpeg)", "ffmpeg", "ffprobe");

    /// <summary>The full path of <paramref name="program"/> on <c>PATH</c>, or null.</summary>
    public static string? Find(string program)
    {
        var name = OperatingSystem.IsWindows() ? program + ".exe" : program;
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }

    private static void Require(string what, string install, params string[] programs)
    {
        var missing = programs.Where(p => Find(p) is null).ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        Missing($"needs {what} ({string.Join(", ", missing)} not on PATH); to run it: {install}");
    }
}
