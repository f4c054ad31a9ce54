using Seedance.Client.Configuration;

namespace Seedance.Agents;

/// <summary>The short environment names of the tool surface, as configuration aliases for keys of the <c>Seedance:Agents</c> section.</summary>
public static class SeedanceAgentEnvironment
{
    /// <summary>Where videos are saved.</summary>
    public const string OutputDirectoryVariable = "SEEDANCE_OUTPUT_DIR";

    /// <summary>The journal file.</summary>
    public const string JournalVariable = "SEEDANCE_JOURNAL";

    /// <summary>0 or false turns downloads off.</summary>
    public const string DownloadVariable = "SEEDANCE_DOWNLOAD";

    /// <summary>Folders local images may come from, separated by the path separator (':' on Linux and macOS, ';' on Windows).</summary>
    public const string AllowedDirectoriesVariable = "SEEDANCE_ALLOWED_DIRS";

    private const string Section = SeedanceAgentOptions.SectionName + ":";

    /// <summary>The tool surface's aliases (the client's are in <see cref="Seedance.Client.SeedanceEnvironment.ClientAliases"/>).</summary>
    public static IReadOnlyList<ConfigurationAlias> Aliases { get; } =
    [
        new(OutputDirectoryVariable, Section + nameof(SeedanceAgentOptions.OutputDirectory)),
        new(JournalVariable, Section + nameof(SeedanceAgentOptions.JournalPath)),
        new(DownloadVariable, Section + nameof(SeedanceAgentOptions.DownloadResults), value =>
            [new(Section + nameof(SeedanceAgentOptions.DownloadResults), IsOff(value) ? "false" : "true")]),
        new(AllowedDirectoriesVariable, Section + nameof(SeedanceAgentOptions.AllowedImageFolders), value => value
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((folder, i) => new KeyValuePair<string, string?>($"{Section}{nameof(SeedanceAgentOptions.AllowedImageFolders)}:{i}", folder))),
    ];

    private static bool IsOff(string value) => value.Trim().ToLowerInvariant() is "0" or "false" or "no" or "off";
}
