using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Seedance.Client.Errors;

namespace Seedance.Client.Tests.DependencyInjection;

/// <summary>Bad settings are named, with the value given, whether they come from code, configuration or the constructor.</summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public void Validate_DefaultsWithKey_NoProblems() => Assert.Empty(new SeedanceClientOptions { ApiKey = "k" }.Validate());

    [Fact]
    public void Validate_EverySimpleRule_NamesSettingAndValue()
    {
        var options = new SeedanceClientOptions
        {
            ApiKey = "k",
            RequestTimeout = TimeSpan.Zero,
            ReadRetries = 11,
            RateLimitRetries = -1,
            MaxResponseBytes = 10,
        };

        var problems = options.Validate();

        Assert.Equal(
        [
            "Seedance:RequestTimeout must be positive; given: 00:00:00.",
            "Seedance:ReadRetries must be 0 to 10; given: 11.",
            "Seedance:RateLimitRetries must be 0 to 10; given: -1.",
            "Seedance:MaxResponseBytes must be at least 1024; given: 10.",
        ], problems);
    }

    [Fact]
    public void Validate_CrossSettingRules_NamedToo()
    {
        var options = new SeedanceClientOptions { BaseUrl = new Uri("ftp://nowhere") };
        options.Polling.MinInterval = TimeSpan.FromMinutes(5);

        var problems = options.Validate();

        Assert.Contains(problems, p => p.StartsWith("Seedance:ApiKey is not set", StringComparison.Ordinal));
        Assert.Contains("Seedance:BaseUrl must be an absolute http(s) URL; given: ftp://nowhere.", problems);
        Assert.Contains(problems, p => p.StartsWith("Seedance:Polling:MinInterval must be positive", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_UnusableOptions_ConfigurationExceptionListingProblems()
    {
        var options = new SeedanceClientOptions { ApiKey = "k", ReadRetries = 99 };

        var ex = Assert.Throws<SeedanceConfigurationException>(() => new SeedanceClient(new HttpClient(), options));

        Assert.Equal(["Seedance:ReadRetries must be 0 to 10; given: 99."], ex.Problems);
        Assert.StartsWith(SeedanceConfigurationException.MessagePrefix, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSeedanceClient_BadSettings_ValidationNamesEach()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Seedance:ApiKey"] = "k",
            ["Seedance:RequestTimeout"] = "-00:00:05",
            ["Seedance:MaxResponseBytes"] = "100",
        }).Build());
        services.AddSeedanceClient();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SeedanceClientOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains("Seedance:RequestTimeout must be positive; given: -00:00:05.", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Seedance:MaxResponseBytes must be at least 1024; given: 100.", StringComparison.Ordinal));
    }
}
