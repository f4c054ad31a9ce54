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

    /// <summary>
    /// A PostgreSQL database for the journal instead of the SQLite file (<c>postgres://user:password@host:port/database</c>, or
    /// Npgsql's <c>Host=…;Database=…</c> form), shared by several instances of a hosted server. Unset: the SQLite file.
    /// </summary>
    public string? DatabaseUrl { get; set; }

    /// <summary>
    /// This instance's name in the journal's leases (<c>SEEDANCE_INSTANCE_NAME</c>), for instances whose machine name does not tell
    /// them apart (containers). Default: the machine's name.
    /// </summary>
    public string? InstanceName { get; set; }

    /// <summary>Where finished videos and last frames are saved. Default: <c>Seedance</c> under the user's videos folder.</summary>
    public string? OutputDirectory { get; set; }

    /// <summary>Whether finished videos are downloaded (the provider's links die at their <c>expires_at</c>).</summary>
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

    /// <summary>
    /// How long after a submit with an unknown outcome it is still settled by sending it again (the provider keeps the
    /// idempotency key for a limited time). Older ones are left to the provider's dashboard.
    /// </summary>
    public TimeSpan RecoveryWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How many films this process chains at once (more wait, still running in the journal, for a later turn).</summary>
    public int MaxBackgroundFilms { get; set; } = 32;

    /// <summary>How many films of one caller this process chains at once (so one caller cannot take every turn).</summary>
    public int MaxBackgroundFilmsPerUser { get; set; } = 4;

    /// <summary>The longest any tool call may take, whatever the provider does (MCP clients give up at about 60 s).</summary>
    public TimeSpan CallTimeLimit { get; set; } = TimeSpan.FromSeconds(55);

    /// <summary>How long a download may receive nothing before it is stopped (it resumes on the next request).</summary>
    public TimeSpan DownloadStallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a waiting call reports progress even when nothing changed.</summary>
    public TimeSpan ProgressHeartbeat { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The status polling gap while a tool call waits (a call lasts under a minute, so it polls more finely than a long wait).</summary>
    public TimeSpan WaitPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The default of <see cref="ConfirmAboveUsd"/>: a paid call estimated at this many USD or more is confirmed first.</summary>
    public const double DefaultConfirmAboveUsd = 0.50;

    /// <summary>
    /// Ask the user before a paid call whose estimate is at least this many USD (or that has no estimate), where the host
    /// can ask (MCP elicitation, or an <see cref="Spending.IPaidCallApprover"/> passed with the call). Null: never ask.
    /// Default 0.50.
    /// </summary>
    [Range(0.0, 1_000_000.0, ErrorMessage = "Seedance:Agents:ConfirmAboveUsd must be 0 or more (or unset to turn confirmation off).")]
    public decimal? ConfirmAboveUsd { get; set; } = (decimal)DefaultConfirmAboveUsd;

    /// <summary>
    /// Refuse, before sending, a paid call whose estimate would take today's spend (charged costs plus the estimates of
    /// unfinished tasks created today, from the journal) over this many USD. Null (the default): no budget.
    /// </summary>
    [Range(0.01, 1_000_000.0, ErrorMessage = "Seedance:Agents:DailyBudgetUsd must be at least 0.01 (or unset for no budget).")]
    public decimal? DailyBudgetUsd { get; set; }

    /// <summary>
    /// Price overrides, USD per second, by model then resolution (<c>720p</c>; <c>720p-audio</c> for clips with sound where
    /// that differs). They win over the published table and over rates learnt from real charges.
    /// </summary>
    public Dictionary<string, Dictionary<string, decimal>> Prices { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether estimates use the rate per second observed in finished tasks' real charges once there are some (default true).</summary>
    public bool LearnPricesFromCharges { get; set; } = true;

    /// <summary>
    /// Whether, with a key, the provider's model list, model-schema and pricing are read on first use and then daily, and win
    /// over the shipped catalogue (default true). Off: the shipped catalogue and configuration only.
    /// </summary>
    public bool RefreshModelFacts { get; set; } = true;

    /// <summary>
    /// Whether <see cref="Tools.SeedanceToolset.AsAITools()"/> wraps the paid tools (generate_video, extend_video) as
    /// Microsoft.Extensions.AI <c>ApprovalRequiredAIFunction</c>s, so hosts such as Microsoft Agent Framework ask the user
    /// before each paid call. Default false.
    /// </summary>
    public bool RequireApprovalForPaidTools { get; set; }

    /// <summary>
    /// The ffmpeg that stitches long videos into one film: the program, or the folder holding ffmpeg and ffprobe. Default
    /// (null): the first ffmpeg on <c>PATH</c>. Without one the shots are still saved and the answer gives the command.
    /// </summary>
    public string? FfmpegPath { get; set; }

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

        var videos = Environment.GetFolderPath(Environment.SpecialFolder.MyVideos, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(videos))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify);
            if (string.IsNullOrEmpty(home) || !Path.IsPathFullyQualified(home))
            {
                throw new IOException("There is no user folder to save videos in (HOME is not set or not an absolute path). "
                    + "Set SEEDANCE_OUTPUT_DIR to a writable folder.");
            }

            videos = Path.Combine(home, "Videos");
        }

        return Path.GetFullPath(Path.Combine(videos, "Seedance"));
    }

    /// <summary>The folders local images may come from.</summary>
    public IReadOnlyList<string> ResolveAllowedImageFolders() => !AllowLocalImages ? [] : AllowedImageFolders.Count > 0
        ? AllowedImageFolders.Where(f => !string.IsNullOrWhiteSpace(f)).Select(Path.GetFullPath).ToArray()
        : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify) is { Length: > 0 } home
            && Path.IsPathFullyQualified(home) ? [home] : [];

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

        if (RecoveryWindow <= TimeSpan.Zero)
        {
            problems.Add($"Seedance:Agents:RecoveryWindow must be positive; given: {RecoveryWindow}.");
        }

        if (CallTimeLimit < TimeSpan.FromSeconds(5) || CallTimeLimit > TimeSpan.FromSeconds(55))
        {
            problems.Add($"Seedance:Agents:CallTimeLimit must be 5 to 55 seconds (clients give up at about 60); given: {CallTimeLimit}.");
        }

        if (DownloadStallTimeout <= TimeSpan.Zero)
        {
            problems.Add($"Seedance:Agents:DownloadStallTimeout must be positive; given: {DownloadStallTimeout}.");
        }

        if (ProgressHeartbeat <= TimeSpan.Zero || WaitPollInterval <= TimeSpan.Zero)
        {
            problems.Add("Seedance:Agents:ProgressHeartbeat and WaitPollInterval must be positive.");
        }

        foreach (var (model, prices) in Prices)
        {
            foreach (var (resolution, price) in prices)
            {
                if (price < 0)
                {
                    problems.Add($"Seedance:Agents:Prices:{model}:{resolution} must be 0 or more; given: {price}.");
                }
            }
        }

        if (FfmpegProblem(FfmpegPath) is { } ffmpeg)
        {
            problems.Add(ffmpeg);
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

    // SEEDANCE_FFMPEG must be a program that can run (or a folder holding ffmpeg): a wrong one is found at start, not when a
    // film has been paid for and cannot be stitched.
    private static string? FfmpegProblem(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        var setting = $"{SeedanceAgentEnvironment.FfmpegVariable} (Seedance:Agents:FfmpegPath) must name the ffmpeg program or the folder holding it";
        var program = Directory.Exists(configured) ? Path.Combine(configured, OperatingSystem.IsWindows() ? "ffmpeg.exe" : "ffmpeg") : configured;
        if (!File.Exists(program))
        {
            return $"{setting}; given: {configured}, where there is no {(Directory.Exists(configured) ? "ffmpeg" : "file")}.";
        }

        if (!OperatingSystem.IsWindows()
            && (File.GetUnixFileMode(program) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
        {
            return $"{setting}; given: {configured}, which is not an executable program.";
        }

        return null;
    }

    // The user's own folders, created when missing (a fresh account may not have them yet); never a shared temp folder.
    private static string DataRoot()
    {
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(local) || !Path.IsPathFullyQualified(local))
        {
            throw new Journal.TaskJournalException(
                "There is no user data folder to keep the task journal in (HOME is not set or not an absolute path). "
                + "Set SEEDANCE_JOURNAL to a writable file path.");
        }

        return local;
    }
}
