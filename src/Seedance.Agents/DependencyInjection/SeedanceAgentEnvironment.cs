using Seedance.Client.Configuration;

namespace Seedance.Agents;

/// <summary>The short environment names of the tool surface, as configuration aliases for keys of the <c>Seedance:Agents</c> section.</summary>
public static class SeedanceAgentEnvironment
{
    /// <summary>Where videos are saved.</summary>
    public const string OutputDirectoryVariable = "SEEDANCE_OUTPUT_DIR";

    /// <summary>The journal file.</summary>
    public const string JournalVariable = "SEEDANCE_JOURNAL";

    /// <summary>A PostgreSQL database for the journal (<c>postgres://…</c>), shared by several instances; unset keeps the SQLite file.</summary>
    public const string DatabaseUrlVariable = "SEEDANCE_DATABASE_URL";

    /// <summary>This instance's name in the journal's leases.</summary>
    public const string InstanceNameVariable = "SEEDANCE_INSTANCE_NAME";

    /// <summary>0, false, no or off turns downloads off; 1, true, yes or on keeps them; anything else is refused at start.</summary>
    public const string DownloadVariable = "SEEDANCE_DOWNLOAD";

    /// <summary>Folders local images may come from, separated by the path separator (':' on Linux and macOS, ';' on Windows).</summary>
    public const string AllowedDirectoriesVariable = "SEEDANCE_ALLOWED_DIRS";

    /// <summary>Ask before a paid call estimated at this many USD or more; <c>off</c> never asks. Default 0.50.</summary>
    public const string ConfirmAboveVariable = "SEEDANCE_CONFIRM_ABOVE_USD";

    /// <summary>Refuse paid calls that would take today's spend over this many USD; <c>off</c> (the default) sets no budget.</summary>
    public const string DailyBudgetVariable = "SEEDANCE_DAILY_BUDGET_USD";

    /// <summary>The ffmpeg that stitches long videos (a file, or the folder holding ffmpeg and ffprobe). Default: the first on PATH.</summary>
    public const string FfmpegVariable = "SEEDANCE_FFMPEG";

    private const string Section = SeedanceAgentOptions.SectionName + ":";

    /// <summary>The tool surface's aliases (the client's are in <see cref="Seedance.Client.SeedanceEnvironment.ClientAliases"/>).</summary>
    public static IReadOnlyList<ConfigurationAlias> Aliases { get; } =
    [
        new(OutputDirectoryVariable, Section + nameof(SeedanceAgentOptions.OutputDirectory)),
        new(JournalVariable, Section + nameof(SeedanceAgentOptions.JournalPath)),
        new(DatabaseUrlVariable, Section + nameof(SeedanceAgentOptions.DatabaseUrl)),
        new(InstanceNameVariable, Section + nameof(SeedanceAgentOptions.InstanceName)),
        new(DownloadVariable, Section + nameof(SeedanceAgentOptions.DownloadResults), value =>
            [new(Section + nameof(SeedanceAgentOptions.DownloadResults), IsOff(value) ? "false" : IsOn(value) ? "true" : value)]),
        new(AllowedDirectoriesVariable, Section + nameof(SeedanceAgentOptions.AllowedImageFolders), value => value
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((folder, i) => new KeyValuePair<string, string?>($"{Section}{nameof(SeedanceAgentOptions.AllowedImageFolders)}:{i}", folder))),
        new(ConfirmAboveVariable, Section + nameof(SeedanceAgentOptions.ConfirmAboveUsd),
            value => Amount(Section + nameof(SeedanceAgentOptions.ConfirmAboveUsd), value)),
        new(DailyBudgetVariable, Section + nameof(SeedanceAgentOptions.DailyBudgetUsd),
            value => Amount(Section + nameof(SeedanceAgentOptions.DailyBudgetUsd), value)),
        new(FfmpegVariable, Section + nameof(SeedanceAgentOptions.FfmpegPath)),
    ];

    // Anything else is passed on as given, so that binding refuses it at start, naming the setting, instead of reading it as on.
    private static bool IsOn(string value) => value.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";

    private static bool IsOff(string value) => value.Trim().ToLowerInvariant() is "0" or "false" or "no" or "off";

    // A USD amount ("0.50", "$2"), or off/none for no amount (an empty value, which binds as none).
    private static IEnumerable<KeyValuePair<string, string?>> Amount(string key, string text)
    {
        var value = text.Trim();
        return [new(key, value.ToLowerInvariant() is "off" or "none" ? string.Empty : value.TrimStart('$'))];
    }
}
