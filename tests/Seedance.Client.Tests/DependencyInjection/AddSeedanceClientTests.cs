using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Seedance.Client.Tests.DependencyInjection;

public sealed class AddSeedanceClientTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<SeedanceClientOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSeedanceClient(configure);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddSeedanceClient_SectionSettings_Bound()
    {
        using var provider = Build(new()
        {
            ["Seedance:ApiKey"] = "sk-from-section",
            ["Seedance:BaseUrl"] = "http://127.0.0.1:5178",
            ["Seedance:Polling:InitialDelay"] = "00:00:02",
        });

        var options = provider.GetRequiredService<IOptions<SeedanceClientOptions>>().Value;
        var client = provider.GetRequiredService<SeedanceClient>();

        Assert.Equal("sk-from-section", options.ApiKey);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Polling.InitialDelay);
        Assert.Equal("http://127.0.0.1:5178/", client.BaseUrl.AbsoluteUri);
        Assert.Same(client, provider.GetRequiredService<SeedanceClient>());
    }

    [Theory]
    [InlineData("SEEDANCE_API_KEY")]
    [InlineData("APIMART_API_KEY")]
    public void AddSeedanceClient_ShortEnvironmentNames_Used(string variable)
    {
        using var provider = Build(new() { [variable] = "sk-from-env", ["SEEDANCE_BASE_URL"] = "http://localhost:9999" });

        var options = provider.GetRequiredService<IOptions<SeedanceClientOptions>>().Value;

        Assert.Equal("sk-from-env", options.ApiKey);
        Assert.Equal(new Uri("http://localhost:9999"), options.BaseUrl);
    }

    [Fact]
    public void AddSeedanceClient_SectionWinsOverShortName()
    {
        using var provider = Build(new() { ["Seedance:ApiKey"] = "sk-section", ["SEEDANCE_API_KEY"] = "sk-env" });

        Assert.Equal("sk-section", provider.GetRequiredService<IOptions<SeedanceClientOptions>>().Value.ApiKey);
    }

    [Fact]
    public void AddSeedanceClient_NoKey_ValidationNamesTheSetting()
    {
        using var provider = Build(new() { ["Seedance:BaseUrl"] = "ftp://nowhere" });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SeedanceClientOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains("SEEDANCE_API_KEY", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Seedance:BaseUrl", StringComparison.Ordinal) && f.Contains("ftp://nowhere", StringComparison.Ordinal));
    }

    [Fact]
    public void AddSeedanceClient_ConfigureAction_AppliedLast()
    {
        using var provider = Build(new() { ["Seedance:ApiKey"] = "sk-section" }, o => o.ApiKey = "sk-code");

        Assert.Equal("sk-code", provider.GetRequiredService<IOptions<SeedanceClientOptions>>().Value.ApiKey);
    }

    [Fact]
    public void Options_ExtraModels_ReachTheValidator()
    {
        var options = new SeedanceClientOptions { ApiKey = "k" };
        options.AdditionalModels.Add(new Models.ModelInfo { Name = "doubao-seedance-3.0", Resolutions = ["720p"] });

        var client = SeedanceClient.Create(options);

        Assert.Contains("doubao-seedance-3.0", client.Catalog.Names);
    }
}
