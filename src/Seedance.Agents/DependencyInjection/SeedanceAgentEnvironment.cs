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

    /// <summary>Ask before a paid call estimated at this many USD or more; <c>off</c> never asks. Default 0.50.</summary>
    public const string ConfirmAboveVariable = "SEEDANCE_CONFIRM_ABOVE_USD";

    /// <summary>Refuse paid calls that would take today's spend over this many USD; <c>off</c> (the default) sets no budget.</summary>
    public const string DailyBudgetVariable = "SEEDANCE_DAILY_BUDGET_USD";

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

        if (read(ConfirmAboveVariable) is { Length: > 0 } confirm)
        {
            options.ConfirmAboveUsd = Amount(ConfirmAboveVariable, confirm, options.ConfirmAboveUsd, options.EnvironmentProblems);
        }

        if (read(DailyBudgetVariable) is { Length: > 0 } budget)
        {
            options.DailyBudgetUsd = Amount(DailyBudgetVariable, budget, options.DailyBudgetUsd, options.EnvironmentProblems);
        }

        if (options.AllowedImageFolders.Count == 0 && read(AllowedDirectoriesVariable) is { Length: > 0 } folders)
        {
            foreach (var folder in folders.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                options.AllowedImageFolders.Add(folder);
            }
        }
    }

    // A USD amount, or "off" for none; anything else is a problem the options validation reports by name.
    private static decimal? Amount(string variable, string text, decimal? current, List<string> problems)
    {
        var value = text.Trim();
        if (value.Equals("off", StringComparison.OrdinalIgnoreCase) || value.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (decimal.TryParse(value.TrimStart('$'), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var amount)
            && amount >= 0)
        {
            return amount;
        }

        problems.Add($"{variable} must be an amount in USD such as 0.50, or off; given: '{text}'.");
        return current;
    }
}
