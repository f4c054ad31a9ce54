using System.Text.Json;
using Seedance.Mcp.Hosting;

namespace Seedance.Mcp.Tests;

/// <summary>The set-up files users copy from must stay true to the server.</summary>
public sealed class SetupFileTests
{
    private static string RepositoryFile(string name)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(name);
    }

    [Fact]
    public void McpJsonExample_EveryServerEntryIsRunnable()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryFile("mcp.json.example")));
        var servers = document.RootElement.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Object)
            .SelectMany(p => (p.Value.TryGetProperty("mcpServers", out var s) ? s : p.Value.GetProperty("servers")).EnumerateObject())
            .ToArray();

        Assert.True(servers.Length >= 6);
        foreach (var server in servers.Select(s => s.Value))
        {
            if (server.TryGetProperty("url", out var url))
            {
                Assert.EndsWith("/mcp", url.GetString(), StringComparison.Ordinal);
                continue;
            }

            var command = server.GetProperty("command").GetString();
            var args = server.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToArray();
            Assert.Contains(command, new[] { "seedance-mcp", "dotnet", "dnx" });
            var serverArgs = command switch
            {
                "dotnet" => args.Skip(1).ToArray(),
                "dnx" => args.SkipWhile(a => a != "--").Skip(1).ToArray(),
                _ => args,
            };
            _ = ServerSettings.Parse(serverArgs, _ => null);
            if (command == "dotnet")
            {
                Assert.EndsWith("seedance-mcp.dll", args[0], StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void ServerJson_DeclaresTheNuGetPackageAndTheKeyAsSecret()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryFile(Path.Combine("src", "Seedance.Mcp", ".mcp", "server.json"))));
        var package = document.RootElement.GetProperty("packages")[0];

        Assert.Equal("nuget", package.GetProperty("registryType").GetString());
        Assert.Equal("Seedance.Mcp", package.GetProperty("identifier").GetString());
        Assert.Equal(SeedanceMcpServer.Version, package.GetProperty("version").GetString());
        var key = package.GetProperty("environmentVariables").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "SEEDANCE_API_KEY");
        Assert.True(key.GetProperty("isSecret").GetBoolean());
    }
}
