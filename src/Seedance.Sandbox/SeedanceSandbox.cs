using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Seedance.Sandbox.Endpoints;
using Seedance.Sandbox.Faults;
using Seedance.Sandbox.Tasks;

namespace Seedance.Sandbox;

/// <summary>
/// A running sandbox: a local stand-in for the provider's API on loopback, speaking the same wire format.
/// <code>await using var sandbox = await SeedanceSandbox.StartAsync(new SandboxOptions());</code>
/// </summary>
public sealed class SeedanceSandbox : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SeedanceSandbox(WebApplication app, SandboxOptions options, SandboxState state, Uri baseUrl)
    {
        _app = app;
        Options = options;
        State = state;
        BaseUrl = baseUrl;
    }

    /// <summary>The base URL to give the client (no <c>/v1</c>), on 127.0.0.1 and the bound port.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The token the sandbox accepts.</summary>
    public string ApiKey => Options.ApiKey;

    /// <summary>The options it runs with.</summary>
    public SandboxOptions Options { get; }

    /// <summary>Counts of what the sandbox received and created.</summary>
    public SandboxCounters Counters => State.Counters;

    /// <summary>Faults still to act out; add more while it runs.</summary>
    public FaultInjector Faults => State.Faults;

    /// <summary>Every submit body received, as raw JSON, oldest first (including rejected ones).</summary>
    public IReadOnlyList<string> ReceivedSubmitBodies => State.ReceivedBodies.ToArray();

    /// <summary>The ids of the tasks created, in no particular order.</summary>
    public IReadOnlyList<string> TaskIds => State.Store.Tasks.Select(t => t.Id).ToArray();

    /// <summary>Changes the models the sandbox serves, in the text form of <see cref="SandboxOptions.ModelChanges"/>.</summary>
    public void ChangeModel(string change) => State.Models.Apply(change);

    /// <summary>The balance left, in USD.</summary>
    public decimal RemainingBalance => State.Store.StartingBalance - State.Store.Spent;

    internal SandboxState State { get; }

    /// <summary>Starts a sandbox and returns once it accepts connections.</summary>
    public static async Task<SeedanceSandbox> StartAsync(SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxOptions();
        var url = CheckUrl(options);
        var state = new SandboxState(options);
        foreach (var (task, key) in state.Store.Restore())
        {
            if (key is not null)
            {
                state.Idempotency.Add(key, task.RawBody, task.Id);
            }
        }
        foreach (var fault in options.Faults)
        {
            state.Faults.Add(fault);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SeedanceSandbox).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        options.ConfigureLogging?.Invoke(builder.Logging);
        builder.WebHost.UseUrls(url.ToString());
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Uploads are checked against the provider's 20 MB limit by the handler; refuse anything far beyond it here.
            kestrel.Limits.MaxRequestBodySize = 24L * 1024 * 1024;
        });
        builder.Services.AddSingleton(state);

        var app = builder.Build();
        SandboxEndpoints.Map(app, state);
        SandboxModelEndpoints.Map(app, state);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The sandbox started but reported no address.");
        var bound = new Uri(address.Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://localhost", "://127.0.0.1", StringComparison.Ordinal));
        var baseUrl = new Uri(bound.GetLeftPart(UriPartial.Authority));
        state.BaseUrl = baseUrl;
        return new SeedanceSandbox(app, options, state, baseUrl);
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires or the host is told to stop.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Uri CheckUrl(SandboxOptions options)
    {
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"Sandbox URL must be an absolute http:// URL; given: '{options.Url}'.", nameof(options));
        }

        var loopback = url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        if (!loopback && !options.AllowNonLoopback)
        {
            throw new ArgumentException(
                $"The sandbox binds only loopback addresses (127.0.0.1, [::1], localhost); given: '{options.Url}'. "
                + "Pass --allow-remote (AllowNonLoopback) to bind another address.", nameof(options));
        }

        return url;
    }
}

/// <summary>Everything the endpoints share.</summary>
internal sealed class SandboxState(SandboxOptions options)
{
    public SandboxOptions Options { get; } = options;
    public SandboxCounters Counters { get; } = new();
    public FaultInjector Faults { get; } = new();
    public SandboxTaskStore Store { get; } = new(options.StartingBalance, options.TasksFile is { Length: > 0 } file ? new SandboxTaskFile(file) : null);
    public IdempotencyRecords Idempotency { get; } = new();
    public ConcurrentQueue<string> ReceivedBodies { get; } = new();
    public Media.SandboxClips Clips { get; } = new(options.RenderClips);
    public TimeProvider Time => Options.TimeProvider;
    public Uri BaseUrl { get; set; } = new("http://127.0.0.1");
    public Models.SandboxModels Models { get; } = new(options.ModelChanges);
}
