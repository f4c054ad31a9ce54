using Seedance.Sandbox.Faults;

namespace Seedance.Sandbox;

/// <summary>How the sandbox behaves.</summary>
public sealed class SandboxOptions
{
    /// <summary>The token the sandbox accepts (as <c>Authorization: Bearer …</c>).</summary>
    public const string DefaultApiKey = "sk-sandbox-local";

    /// <summary>Where to listen; port 0 picks a free port. Only loopback unless <see cref="AllowNonLoopback"/>.</summary>
    public string Url { get; set; } = "http://127.0.0.1:0";

    /// <summary>Lets the sandbox bind an address other than loopback (off by default).</summary>
    public bool AllowNonLoopback { get; set; }

    /// <summary>The bearer token accepted.</summary>
    public string ApiKey { get; set; } = DefaultApiKey;

    /// <summary>
    /// Accepts any bearer token as an account of its own, as the provider does for its many users: a task is seen only with
    /// the token that created it (another token's status call answers as for an unknown id). For a multi-user server run
    /// locally, where each caller brings a key of their own.
    /// </summary>
    public bool AcceptAnyKey { get; set; }

    /// <summary>How long a task takes from submit to completion.</summary>
    public TimeSpan TaskDuration { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How long a task stays <c>pending</c> before <c>processing</c> (capped at a fifth of the duration).</summary>
    public TimeSpan QueueTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary><c>estimated_time</c> as a multiple of the real duration (the real provider overestimates).</summary>
    public double EstimateFactor { get; set; } = 1.0;

    /// <summary>The balance in USD before any task.</summary>
    public decimal StartingBalance { get; set; } = 100m;

    /// <summary>How long result URLs stay valid after completion (<c>expires_at</c>); 72 h, as the provider's own agent client (2026) says; clients must read <c>expires_at</c>, never assume a lifetime.</summary>
    public TimeSpan ResultLifetime { get; set; } = TimeSpan.FromHours(72);

    /// <summary>Answer submits in the object shape (<c>data: {id, status}</c>) instead of the array shape.</summary>
    public bool ObjectSubmitShape { get; set; }

    /// <summary>
    /// When set, result videos are this many bytes (the real clip repeated), streamed without buffering; for download
    /// benchmarks. Null serves the small real clip.
    /// </summary>
    public long? VideoSizeBytes { get; set; }

    /// <summary>
    /// Whether each task gets a clip of its own, rendered with ffmpeg when it is installed (the requested duration and aspect
    /// ratio, a last frame of its own). False serves the shipped two-second sample for every task, at no rendering cost:
    /// for tests that drive the clock faster than ffmpeg renders.
    /// </summary>
    public bool RenderClips { get; set; } = true;

    /// <summary>
    /// A file that keeps the tasks across restarts (one JSON line each), so a sandbox started again on it knows the tasks
    /// an earlier one created: their status, replays of their <c>Idempotency-Key</c>, their files and charges. Null (the
    /// default) keeps them in memory only. The MCP server's sandbox mode keeps it next to its journal.
    /// </summary>
    public string? TasksFile { get; set; }

    /// <summary>
    /// Changes to the models the sandbox lists, describes, prices and enforces, such as <c>doubao-seedance-2.0:max_duration=12</c>
    /// or <c>+seedance-3.0:resolutions=480p|720p;max_duration=20;price_720p=0.3</c> (the form is in <see cref="Models.SandboxModels"/>).
    /// </summary>
    public IList<string> ModelChanges { get; } = new List<string>();

    /// <summary>Faults for this run, in the text form of <see cref="FaultRule"/>.</summary>
    public IList<string> Faults { get; } = new List<string>();

    /// <summary>The clock; tests pass a fake one to move tasks along.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Lets the host add log providers (none by default, so a stdio host keeps stdout clean).</summary>
    public Action<Microsoft.Extensions.Logging.ILoggingBuilder>? ConfigureLogging { get; set; }
}
