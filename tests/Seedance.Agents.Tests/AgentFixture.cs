using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;
using Seedance.Agents.Journal;
using Seedance.Agents.Results;
using Seedance.Agents.Tools;
using Seedance.Client;
using Seedance.Sandbox;

namespace Seedance.Agents.Tests;

/// <summary>The tool service over a sandbox on loopback, with its own temporary journal, output and image folders, and one fake clock.</summary>
public sealed class AgentFixture : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    private AgentFixture(SeedanceSandbox sandbox, FakeTimeProvider time, string root, ServiceProvider services, HttpClient raw)
    {
        Sandbox = sandbox;
        Time = time;
        Root = root;
        _services = services;
        Toolset = services.GetRequiredService<SeedanceToolset>();
        Raw = raw;
    }

    /// <summary>The default confirmation threshold, for the tests about the price question.</summary>
    public const decimal ConfirmAt = (decimal)SeedanceAgentOptions.DefaultConfirmAboveUsd;

    public SeedanceSandbox Sandbox { get; }

    public FakeTimeProvider Time { get; }

    public string Root { get; }

    public string JournalPath => Path.Combine(Root, "data", "journal.db");

    public string OutputDirectory => Path.Combine(Root, "videos");

    public string ImagesDirectory => Path.Combine(Root, "images");

    /// <summary>The tools, composed by <c>AddSeedanceAgents()</c> as every host composes them.</summary>
    public SeedanceToolset Toolset { get; }

    public TaskJournal Journal => Toolset.Journal;

    /// <summary>The long videos kept in the same journal file.</summary>
    public SequenceJournal Films => _services.GetRequiredService<SequenceJournal>();

    /// <summary>What a host runs once at start to settle what the journal left open.</summary>
    public Seedance.Agents.Tasks.JournalRecovery Recovery => _services.GetRequiredService<Seedance.Agents.Tasks.JournalRecovery>();

    public HttpClient Raw { get; }

    /// <summary>The provider's model facts, read in the background.</summary>
    public Seedance.Agents.Models.ModelFactsRefresher ModelFacts => _services.GetRequiredService<Seedance.Agents.Models.ModelFactsRefresher>();

    public static async Task<AgentFixture> StartAsync(Action<SandboxOptions>? sandbox = null, Action<SeedanceAgentOptions>? agent = null,
        Action<SeedanceClientOptions>? client = null)
    {
        var time = new FakeTimeProvider(Start);
        // The fake clock runs far ahead of ffmpeg, so the sandbox serves its shipped sample clip unless a test asks for rendering.
        var sandboxOptions = new SandboxOptions { TimeProvider = time, TaskDuration = TimeSpan.FromSeconds(60), RenderClips = false };
        sandbox?.Invoke(sandboxOptions);
        var running = await SeedanceSandbox.StartAsync(sandboxOptions);

        var root = Path.Combine(Path.GetTempPath(), "seedance-agents-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "images"));

        var clientOptions = new SeedanceClientOptions { ApiKey = running.ApiKey, BaseUrl = running.BaseUrl, ReadRetryBaseDelay = TimeSpan.FromMilliseconds(1) };
        client?.Invoke(clientOptions);
        var seedance = SeedanceClient.Create(clientOptions, time);
        var raw = new HttpClient();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(seedance);
        services.AddSeedanceAgents(options =>
        {
            options.JournalPath = Path.Combine(root, "data", "journal.db");
            options.OutputDirectory = Path.Combine(root, "videos");
            options.AllowedImageFolders.Add(Path.Combine(root, "images"));
            // Most tests are about something else than the price question: confirmation is off ("off", a user's choice)
            // unless a test turns it on with ConfirmAt.
            options.ConfirmAboveUsd = null;
            // The provider's model facts are read in the background on first use; tests about something else keep the shipped
            // facts (ModelFactsTests turn the reading on).
            options.RefreshModelFacts = false;
            agent?.Invoke(options);
        });
        return new AgentFixture(running, time, root, services.BuildServiceProvider(), raw);
    }

    public Task<ToolOutcome> CallAsync(string tool, string json, IProgress<ToolProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Toolset.InvokeAsync(tool, JsonDocument.Parse(json).RootElement, progress, cancellationToken);

    /// <summary>Runs a call while moving the shared clock forward in small steps until it ends.</summary>
    public async Task<ToolOutcome> CallAdvancingAsync(string tool, string json, IProgress<ToolProgress>? progress = null, TimeSpan? step = null)
    {
        var call = CallAsync(tool, json, progress);
        await Seedance.Testing.FakeClock.AdvanceUntilDoneAsync(Time, call, step ?? TimeSpan.FromSeconds(1));
        return await call;
    }

    public async ValueTask DisposeAsync()
    {
        Raw.Dispose();
        await _services.DisposeAsync();
        await Sandbox.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public static class OutcomeExtensions
{
    public static string Str(this ToolOutcome outcome, string name) =>
        outcome.Structured.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new Xunit.Sdk.XunitException(
            $"no string '{name}' in {outcome.Structured}");

    public static string? StrOrNull(this ToolOutcome outcome, string name) =>
        outcome.Structured.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static string[] ViolationParameters(this ToolOutcome outcome) =>
        outcome.Structured.TryGetProperty("violations", out var list)
            ? list.EnumerateArray().Select(v => v.GetProperty("parameter").GetString()!).ToArray()
            : [];
}
