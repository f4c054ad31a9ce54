using Microsoft.Extensions.Logging;
using Seedance.Sandbox;
using Seedance.Mcp.Hosting;

namespace Seedance.Mcp.Sandbox;

/// <summary>
/// Sandbox mode's stand-in provider: a singleton that starts the in-process sandbox on the first request that needs it,
/// so the server answers <c>initialize</c> and <c>tools/list</c> without waiting for it.
/// </summary>
internal sealed class SandboxLauncher : IAsyncDisposable
{
    private readonly SandboxOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SeedanceSandbox? _sandbox;

    public SandboxLauncher(SandboxOptions options, ILogger<SandboxLauncher> logger)
    {
        _options = options;
        _logger = logger;
    }

    /// <summary>The key the sandbox accepts, known before it starts.</summary>
    public string ApiKey => _options.ApiKey;

    /// <summary>The running sandbox, starting it if this is the first call.</summary>
    public async ValueTask<SeedanceSandbox> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _sandbox) is { } running)
        {
            return running;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_sandbox is null)
            {
                _sandbox = await SeedanceSandbox.StartAsync(_options, cancellationToken);
                Log.SandboxStarted(_logger, _sandbox.BaseUrl);
            }

            return _sandbox;
        }
        finally
        {
            _gate.Release();
        }
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
