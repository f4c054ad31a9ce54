using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Seedance.Agents.Tools;
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
            // A bare "dnx" is not a command on Linux; "dotnet dnx" is, on every system with the .NET 10 SDK.
            Assert.Contains(command, new[] { "seedance-mcp", "dotnet" });
            var dnx = command == "dotnet" && args[0] == "dnx";
            var serverArgs = command switch
            {
                "dotnet" when dnx => args.SkipWhile(a => a != "--").Skip(1).ToArray(),
                "dotnet" => args.Skip(1).ToArray(),
                _ => args,
            };
            _ = ServerSettings.Parse(serverArgs, _ => null);
            if (dnx)
            {
                Assert.Equal(["dnx", "Seedance.Mcp", "--yes"], args.Take(3));
            }
            else if (command == "dotnet")
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

    /// <summary>Every tool the server serves, by name (the public constants of <see cref="ToolNames"/>).</summary>
    private static string[] ToolNamesServed() => typeof(ToolNames).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();

    [Fact]
    public void PackageReadmeDescriptionAndServerJson_NameEveryTool()
    {
        var tools = ToolNamesServed();
        var readme = File.ReadAllText(RepositoryFile(Path.Combine("src", "Seedance.Mcp", "README.md")));
        var project = File.ReadAllText(RepositoryFile(Path.Combine("src", "Seedance.Mcp", "Seedance.Mcp.csproj")));
        var description = Regex.Match(project, "<Description>(.*?)</Description>", RegexOptions.Singleline).Groups[1].Value;
        using var server = JsonDocument.Parse(File.ReadAllText(RepositoryFile(Path.Combine("src", "Seedance.Mcp", ".mcp", "server.json"))));
        var listed = server.RootElement.GetProperty("_meta").GetProperty("io.modelcontextprotocol.registry/publisher-provided").GetProperty("tools")
            .EnumerateArray().Select(t => t.GetString()!).ToArray();

        Assert.Equal(8, tools.Length);
        Assert.All(tools, t => Assert.Contains($"`{t}`", readme, StringComparison.Ordinal));
        Assert.All(tools, t => Assert.Contains(t, description, StringComparison.Ordinal));
        Assert.Equal(tools.Order(), listed.Order());
        Assert.True(server.RootElement.GetProperty("description").GetString()!.Length <= 100, "the registry allows 100 characters");
        Assert.Contains("2025-12-11", server.RootElement.GetProperty("$schema").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ServerJsonAndPackageReadme_OfferEverySettingTheServerReads()
    {
        // Every SEEDANCE_* name in the server's sources (the client, the tools, the host), found where it is read.
        var src = Path.GetDirectoryName(Path.GetDirectoryName(RepositoryFile(Path.Combine("src", "Seedance.Mcp", "Seedance.Mcp.csproj"))))!;
        var read = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Seedance.Sandbox{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), "\"(SEEDANCE_[A-Z_]+|APIMART_API_KEY)\"").Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        using var server = JsonDocument.Parse(File.ReadAllText(RepositoryFile(Path.Combine("src", "Seedance.Mcp", ".mcp", "server.json"))));
        var offered = server.RootElement.GetProperty("packages")[0].GetProperty("environmentVariables").EnumerateArray()
            .Select(v => v.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal);
        var readme = File.ReadAllText(RepositoryFile(Path.Combine("src", "Seedance.Mcp", "README.md")));

        Assert.Contains("SEEDANCE_CONFIRM_ABOVE_USD", read);
        Assert.Empty(read.Except(offered).Order());
        Assert.Empty(offered.Except(read).Order());
        Assert.All(read, name => Assert.Contains($"`{name}", readme, StringComparison.Ordinal));
    }
}
