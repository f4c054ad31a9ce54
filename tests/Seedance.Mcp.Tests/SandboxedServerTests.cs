using Microsoft.Data.Sqlite;
using Seedance.Sandbox;

namespace Seedance.Mcp.Tests;

/// <summary>
/// What the promise tests share: a sandbox provider with a live-looking key, a temporary folder and the environment that
/// points a server process at both. Split over several classes so their slow process tests run side by side.
/// </summary>
public abstract class SandboxedServerTests : IAsyncLifetime
{
    private protected const string Secret = "sk-live-PROMISE-NEVER-PRINT-5b1e";
    private protected readonly string _root = Path.Combine(Path.GetTempPath(), "seedance-promise", Guid.NewGuid().ToString("N"));
    private protected SeedanceSandbox _sandbox = null!;

    private protected string Journal => Path.Combine(_root, "journal.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "images"));
        _sandbox = await SeedanceSandbox.StartAsync(new SandboxOptions { ApiKey = Secret, TaskDuration = TimeSpan.FromSeconds(2) });
    }

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private protected Dictionary<string, string?> Environment() => new()
    {
        ["SEEDANCE_API_KEY"] = Secret,
        ["SEEDANCE_BASE_URL"] = _sandbox.BaseUrl.AbsoluteUri,
        ["SEEDANCE_JOURNAL"] = Journal,
        ["SEEDANCE_OUTPUT_DIR"] = Path.Combine(_root, "videos"),
        ["SEEDANCE_ALLOWED_DIRS"] = Path.Combine(_root, "images"),
    };
}
