using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Seedance.Client.Configuration;
using Seedance.Client.Errors;

namespace Seedance.Client.Tests.DependencyInjection;

/// <summary>The short environment names are one configuration source under the host's own configuration.</summary>
public sealed class AliasConfigurationTests
{
    private static Func<string, string?> Variables(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    private static IConfiguration Aliases(Func<string, string?> read) =>
        new ConfigurationBuilder().AddSeedanceAliases(SeedanceEnvironment.ClientAliases, read).Build();

    [Fact]
    public void AddSeedanceAliases_ClientAliases_MapToSettings()
    {
        var configuration = Aliases(Variables(("SEEDANCE_API_KEY", "sk-1"), ("SEEDANCE_BASE_URL", "  http://localhost:9 ")));

        Assert.Equal("sk-1", configuration["Seedance:ApiKey"]);
        Assert.Equal("http://localhost:9", configuration["Seedance:BaseUrl"]);
    }

    [Theory]
    [InlineData("sk-seedance", "sk-apimart", "sk-seedance")]
    [InlineData("", "sk-apimart", "sk-apimart")]
    [InlineData("  ", "sk-apimart", "sk-apimart")]
    [InlineData(null, "sk-apimart", "sk-apimart")]
    public void AddSeedanceAliases_ApimartKey_OnlyWhenSeedanceKeyEmpty(string? seedance, string apimart, string expected)
    {
        var configuration = Aliases(name => name switch
        {
            "SEEDANCE_API_KEY" => seedance,
            "APIMART_API_KEY" => apimart,
            _ => null,
        });

        Assert.Equal(expected, configuration["Seedance:ApiKey"]);
    }

    [Fact]
    public void AddSeedanceAliases_MapToSeveralKeys_EachEntryAdded()
    {
        var alias = new ConfigurationAlias("MY_FOLDERS", "My:Folders",
            value => value.Split(':').Select((path, i) => new KeyValuePair<string, string?>($"My:Folders:{i}", path)));

        var configuration = new ConfigurationBuilder().AddSeedanceAliases([alias], Variables(("MY_FOLDERS", "/a:/b"))).Build();

        Assert.Equal(["/a", "/b"], configuration.GetSection("My:Folders").GetChildren().Select(c => c.Value));
    }

    [Fact]
    public void AddSeedanceClient_HostSettingWinsOverAlias_AliasFillsTheGap()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Seedance:ApiKey"] = "sk-section",
            ["SEEDANCE_API_KEY"] = "sk-alias",
            ["SEEDANCE_BASE_URL"] = "http://127.0.0.1:5178",
        }).Build());
        services.AddSeedanceClient();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SeedanceClientOptions>>().Value;

        Assert.Equal("sk-section", options.ApiKey);
        Assert.Equal(new Uri("http://127.0.0.1:5178"), options.BaseUrl);
    }

    [Fact]
    public void AddSeedanceClient_UnreadableValue_ConfigurationExceptionNamingKeyAndValue()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Seedance:ApiKey"] = "k",
            ["Seedance:Polling:MinInterval"] = "abc",
        }).Build());
        services.AddSeedanceClient();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<SeedanceConfigurationException>(() => provider.GetRequiredService<IOptions<SeedanceClientOptions>>().Value);

        var problem = Assert.Single(ex.Problems);
        Assert.Contains("Seedance:Polling:MinInterval", problem, StringComparison.Ordinal);
        Assert.Contains("given: abc", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://nowhere")]
    [InlineData("http://[oops")]
    public void AddSeedanceClient_MalformedBaseUrlAlias_NamedBySetting(string url)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SEEDANCE_API_KEY"] = "k",
            ["SEEDANCE_BASE_URL"] = url,
        }).Build());
        services.AddSeedanceClient();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IOptions<SeedanceClientOptions>>().Value);

        var problems = ex switch
        {
            OptionsValidationException validation => validation.Failures,
            SeedanceConfigurationException configuration => configuration.Problems,
            _ => throw new Xunit.Sdk.XunitException($"unexpected {ex}"),
        };
        Assert.Contains(problems, p => p.Contains($"Seedance:BaseUrl must be an absolute http(s) URL; given: {url}", StringComparison.Ordinal));
    }
}
