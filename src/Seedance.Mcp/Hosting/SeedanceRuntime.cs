using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Seedance.Agents;
using Seedance.Agents.Downloads;
using Seedance.Agents.Journal;
using Seedance.Agents.Media;
using Seedance.Agents.Tools;
using Seedance.Client;
using Seedance.Sandbox;

namespace Seedance.Mcp.Hosting;

/// <summary>
/// Builds the tool service on the first call, not at start: the sandbox, the HTTP clients and the journal all wait
/// until a tool needs them, so the server answers <c>initialize</c> and <c>tools/list</c> at once.
/// </summary>
internal sealed class SeedanceRuntime : IAsyncDisposable
{
    private readonly IConfiguration _configuration;
    private readonly ServerSettings _settings;
    private readonly ILoggerFactory _loggers;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SeedanceToolService? _service;
    private SeedanceSandbox? _sandbox;

    public SeedanceRuntime(IConfiguration configuration, ServerSettings settings, ILoggerFactory loggers)
    {
        _configuration = configuration;
        _settings = settings;
        _loggers = loggers;
    }

    /// <summary>
    /// The tool definitions for this configuration (its model catalogue), without building anything else. Wrong settings
    /// fail here, at start, with every problem named; a missing key does not (the tools then say how to set it).
    /// </summary>
    public static IReadOnlyList<SeedanceToolDefinition> LoadDefinitions(IConfiguration configuration)
    {
        var client = BindClientOptions(configuration);
        var agent = BindAgentOptions(configuration);
        var problems = client.Validate().Concat(agent.Validate()).ToArray();
        if (problems.Length > 0)
        {
            throw new InvalidOperationException("The configuration is not usable: " + string.Join(" ", problems));
        }

        return ToolCatalog.Create(client.BuildCatalog());
    }

    private static SeedanceAgentOptions BindAgentOptions(IConfiguration configuration)
    {
        var options = new SeedanceAgentOptions();
        configuration.GetSection(SeedanceAgentOptions.SectionName).Bind(options);
        SeedanceAgentEnvironment.Apply(options, name => configuration[name]);
        return options;
    }

    /// <summary>The running sandbox, once a call started it (sandbox mode only).</summary>
    public SeedanceSandbox? Sandbox => _sandbox;

    public async ValueTask<SeedanceToolService> GetServiceAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _service) is { } ready)
        {
            return ready;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _service ??= await BuildAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SeedanceToolService> BuildAsync(CancellationToken cancellationToken)
    {
        var logger = _loggers.CreateLogger("Seedance.Mcp");
        var clientOptions = BindClientOptions(_configuration);
        var agentOptions = BindAgentOptions(_configuration);

        if (_settings.Sandbox)
        {
            var sandboxOptions = new SandboxOptions();
            if (TimeSpan.TryParse(_configuration["Seedance:Sandbox:TaskDuration"], System.Globalization.CultureInfo.InvariantCulture, out var duration)
                && duration > TimeSpan.Zero)
            {
                sandboxOptions.TaskDuration = duration;
            }

            _sandbox = await SeedanceSandbox.StartAsync(sandboxOptions, cancellationToken);
            clientOptions.BaseUrl = _sandbox.BaseUrl;
            clientOptions.ApiKey = _sandbox.ApiKey;
            clientOptions.Polling.InitialDelay = TimeSpan.FromSeconds(1);
            clientOptions.Polling.MinInterval = TimeSpan.FromSeconds(1);
            agentOptions.WaitPollInterval = TimeSpan.FromSeconds(1);

            // Sandbox videos are not real: keep them apart from the user's real journal and videos unless told otherwise.
            var data = Path.GetDirectoryName(agentOptions.ResolveJournalPath())!;
            if (string.IsNullOrWhiteSpace(agentOptions.JournalPath))
            {
                agentOptions.JournalPath = Path.Combine(data, "sandbox-journal.db");
            }

            if (string.IsNullOrWhiteSpace(agentOptions.OutputDirectory))
            {
                agentOptions.OutputDirectory = Path.Combine(agentOptions.ResolveOutputDirectory(), "sandbox");
            }

            Log.SandboxStarted(logger, _sandbox.BaseUrl);
        }
        else if (string.IsNullOrWhiteSpace(clientOptions.ApiKey))
        {
            Log.NoApiKey(logger);
        }

        var problems = agentOptions.Validate();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        // Served beyond this machine, callers are remote: never let them pick files from the server's disk unless the
        // operator named the folders.
        var imageFolders = _settings.Http && !_settings.IsLoopback && agentOptions.AllowedImageFolders.Count == 0
            ? []
            : agentOptions.ResolveAllowedImageFolders();

        var client = SeedanceClient.Create(clientOptions, logger: _loggers.CreateLogger<SeedanceClient>());
        var downloads = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromMinutes(30) };
        var journal = new TaskJournal(agentOptions.ResolveJournalPath());
        journal.EnsureReady();
        Log.Ready(logger, journal.Path, agentOptions.ResolveOutputDirectory());
        return new SeedanceToolService(client, journal,
            new VideoDownloader(downloads, agentOptions.ResolveOutputDirectory(), agentOptions.MaxDownloadBytes),
            new LocalImageResolver(imageFolders), agentOptions);
    }

    private static SeedanceClientOptions BindClientOptions(IConfiguration configuration)
    {
        var options = new SeedanceClientOptions();
        configuration.GetSection(SeedanceClientOptions.SectionName).Bind(options);
        SeedanceEnvironment.Apply(options, name => configuration[name]);

        // The server must start and list its tools without a key; calls then explain how to set one.
        options.RequireApiKey = false;
        return options;
    }

    public async ValueTask DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        _gate.Dispose();
    }
}
