using System.ComponentModel.DataAnnotations;

namespace Seedance.Agents;

/// <summary>Settings of the tool surface: where the journal and the videos go, what local files may be read.</summary>
public sealed class SeedanceAgentOptions : IValidatableObject
{
    /// <summary>The configuration section these options are bound from (beside the client's).</summary>
    public const string SectionName = "Seedance:Agents";

    /// <summary>The longest a single tool call may wait for a video (MCP clients cut calls at about 60 s).</summary>
    public const int MaxWaitSeconds = 50;

    /// <summary>The SQLite journal of every submitted task. Default: <c>Seedance/journal.db</c> under the user's local data folder.</summary>
    public string? JournalPath { get; set; }

    /// <summary>Where finished videos and last frames are saved. Default: <c>Seedance</c> under the user's videos folder.</summary>
    public string? OutputDirectory { get; set; }

    /// <summary>Whether finished videos are downloaded (the provider's links die 24 h after completion).</summary>
    public bool DownloadResults { get; set; } = true;

    /// <summary>The largest file a download may write.</summary>
    public long MaxDownloadBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>
    /// Folders whose images may be uploaded when a tool is given a local path. Default: the user's home folder.
    /// An empty list after configuration means no local file is ever read.
    /// </summary>
    public IList<string> AllowedImageFolders { get; } = new List<string>();

    /// <summary>
    /// Whether local image paths may be given at all. Hosts that serve remote callers turn this off unless the operator
    /// named the folders, so that a caller cannot pick files from the host's disk.
    /// </summary>
    public bool AllowLocalImages { get; set; } = true;

    /// <summary>How often a waiting call reports progress even when nothing changed.</summary>
    public TimeSpan ProgressHeartbeat { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The status polling gap while a tool call waits (a call lasts under a minute, so it polls more finely than a long wait).</summary>
    public TimeSpan WaitPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The journal path in force.</summary>
    public string ResolveJournalPath() => Path.GetFullPath(string.IsNullOrWhiteSpace(JournalPath)
        ? Path.Combine(DataRoot(), "Seedance", "journal.db")
        : JournalPath);

    /// <summary>The output folder in force.</summary>
    public string ResolveOutputDirectory()
    {
        if (!string.IsNullOrWhiteSpace(OutputDirectory))
        {
            return Path.GetFullPath(OutputDirectory);
        }

        var videos = Environment.GetFolderPath(Environment.SpecialFolder.MyVideos);
        if (string.IsNullOrEmpty(videos))
        {
            videos = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "Videos");
        }

        return Path.GetFullPath(Path.Combine(videos, "Seedance"));
    }

    /// <summary>The folders local images may come from.</summary>
    public IReadOnlyList<string> ResolveAllowedImageFolders() => !AllowLocalImages ? [] : AllowedImageFolders.Count > 0
        ? AllowedImageFolders.Where(f => !string.IsNullOrWhiteSpace(f)).Select(Path.GetFullPath).ToArray()
        : [Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)];

    /// <summary>Every problem with these settings, each naming the setting (the same checks the host runs at start).</summary>
    public IReadOnlyList<string> Validate()
    {
        var result = new SeedanceAgentOptionsValidator().Validate(null, this);
        return result.Failed ? [.. result.Failures] : [];
    }

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        var problems = new List<string>();
        if (MaxDownloadBytes < 1024)
        {
            problems.Add($"Seedance:Agents:MaxDownloadBytes must be at least 1024; given: {MaxDownloadBytes}.");
        }

        if (ProgressHeartbeat <= TimeSpan.Zero || WaitPollInterval <= TimeSpan.Zero)
        {
            problems.Add("Seedance:Agents:ProgressHeartbeat and WaitPollInterval must be positive.");
        }

        foreach (var folder in AllowedImageFolders)
        {
            if (!Path.IsPathFullyQualified(folder))
            {
                problems.Add($"Seedance:Agents:AllowedImageFolders must hold absolute paths; given: '{folder}'.");
            }
        }

        return problems.Select(p => new ValidationResult(p));
    }

    private static string DataRoot()
    {
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return string.IsNullOrEmpty(local) ? Path.Combine(Path.GetTempPath(), "seedance-data") : local;
    }
}
