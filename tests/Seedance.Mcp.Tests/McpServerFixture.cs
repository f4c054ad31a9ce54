using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using Seedance.Mcp.Hosting;

namespace Seedance.Mcp.Tests;

/// <summary>The MCP server over Streamable HTTP on a free loopback port, with its own journal and output folders, and an SDK client.</summary>
public sealed class McpServerFixture : IAsyncDisposable
{
    private readonly WebApplication _app;

    private McpServerFixture(WebApplication app, Uri endpoint, string root, McpClient client)
    {
        _app = app;
        Endpoint = endpoint;
        Root = root;
        Client = client;
    }

    public Uri Endpoint { get; }

    public string Root { get; }

    public McpClient Client { get; }

    public static async Task<McpServerFixture> StartAsync(bool sandbox = true, string? token = null, Dictionary<string, string?>? settings = null,
        IReadOnlyList<string>? allowedOrigins = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "seedance-mcp-tests", Guid.NewGuid().ToString("N"));
        var overrides = new Dictionary<string, string?>
        {
            ["SEEDANCE_JOURNAL"] = Path.Combine(root, "journal.db"),
            ["SEEDANCE_OUTPUT_DIR"] = Path.Combine(root, "videos"),
            ["SEEDANCE_API_KEY"] = "",
            ["APIMART_API_KEY"] = "",
            ["Seedance:Sandbox:TaskDuration"] = "00:00:02",

            // This client cannot be asked the price question: confirmation is off unless a test sets it.
            ["SEEDANCE_CONFIRM_ABOVE_USD"] = "off",
        };
        foreach (var (key, value) in settings ?? [])
        {
            overrides[key] = value;
        }

        var app = SeedanceMcpServer.BuildHttp(new ServerSettings { Http = true, Port = 0, Sandbox = sandbox, Token = token, AllowedOrigins = allowedOrigins ?? [] }, overrides);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/mcp");
        var client = await ConnectAsync(endpoint, token);
        return new McpServerFixture(app, endpoint, root, client);
    }

    public static Task<McpClient> ConnectAsync(Uri endpoint, string? token = null)
    {
        var options = new HttpClientTransportOptions { Endpoint = endpoint, TransportMode = HttpTransportMode.StreamableHttp };
        if (token is not null)
        {
            options.AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" };
        }

        return McpClient.CreateAsync(new HttpClientTransport(options));
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
