namespace Seedance.Agents;

/// <summary>The short environment variable names of the tool surface, applied where configuration left a gap.</summary>
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

    /// <summary>Fills unset options from the variables that <paramref name="read"/> returns.</summary>
    public static void Apply(SeedanceAgentOptions options, Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(read);
        if (string.IsNullOrWhiteSpace(options.OutputDirectory) && read(OutputDirectoryVariable) is { Length: > 0 } output)
        {
            options.OutputDirectory = output;
        }

        if (string.IsNullOrWhiteSpace(options.JournalPath) && read(JournalVariable) is { Length: > 0 } journal)
        {
            options.JournalPath = journal;
        }

        if (read(DownloadVariable) is { Length: > 0 } download)
        {
            options.DownloadResults = download.Trim() is not ("0" or "false" or "False" or "FALSE" or "no" or "off");
        }

        if (options.AllowedImageFolders.Count == 0 && read(AllowedDirectoriesVariable) is { Length: > 0 } folders)
        {
            foreach (var folder in folders.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                options.AllowedImageFolders.Add(folder);
            }
        }
    }
}
