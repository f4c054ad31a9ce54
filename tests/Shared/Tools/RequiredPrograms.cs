namespace Seedance.Testing;

/// <summary>
/// Programs some tests need that the .NET SDK does not bring (ffmpeg for films and rendered clips). Where one is missing the
/// test is reported as skipped with the command that installs it; where <c>SEEDANCE_TESTS_REQUIRE_ALL=1</c> is set (CI sets
/// it after installing them) a missing program fails the test instead, so nothing is silently untested there.
/// </summary>
internal static class RequiredPrograms
{
    public const string RequireAllVariable = "SEEDANCE_TESTS_REQUIRE_ALL";

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

        var reason = $"needs {what} ({string.Join(", ", missing)} not on PATH); to run it: {install}";
        if (Environment.GetEnvironmentVariable(RequireAllVariable) == "1")
        {
            Assert.Fail($"{reason}. {RequireAllVariable}=1 is set (CI), so a missing program is a failure, not a skip.");
        }

        Skip.If(true, reason);
    }
}
