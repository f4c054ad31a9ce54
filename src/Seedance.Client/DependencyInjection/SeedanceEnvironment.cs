using Microsoft.Extensions.Configuration;
using Seedance.Client.Configuration;

namespace Seedance.Client;

/// <summary>
/// The short environment variable names users set (the key, the base URL), as a configuration alias table:
/// <see cref="ClientAliases"/> feeds <see cref="SeedanceConfigurationBuilderExtensions.AddSeedanceAliases"/>, and other
/// layers extend it with their own names.
/// </summary>
public static class SeedanceEnvironment
{
    /// <summary>The API key variable.</summary>
    public const string ApiKeyVariable = "SEEDANCE_API_KEY";

    /// <summary>The provider's own name for the API key variable, accepted too.</summary>
    public const string AlternateApiKeyVariable = "APIMART_API_KEY";

    /// <summary>The base URL variable.</summary>
    public const string BaseUrlVariable = "SEEDANCE_BASE_URL";

    private const string ApiKeyKey = SeedanceClientOptions.SectionName + ":" + nameof(SeedanceClientOptions.ApiKey);
    private const string BaseUrlKey = SeedanceClientOptions.SectionName + ":" + nameof(SeedanceClientOptions.BaseUrl);

    /// <summary>
    /// The client's aliases, in order of precedence: <c>SEEDANCE_API_KEY</c> then <c>APIMART_API_KEY</c> for
    /// <c>Seedance:ApiKey</c> (the second only when the first is empty), and <c>SEEDANCE_BASE_URL</c> for <c>Seedance:BaseUrl</c>.
    /// </summary>
    public static IReadOnlyList<ConfigurationAlias> ClientAliases { get; } =
    [
        new(ApiKeyVariable, ApiKeyKey),
        new(AlternateApiKeyVariable, ApiKeyKey),
        new(BaseUrlVariable, BaseUrlKey, value => [new(BaseUrlKey, value.Trim())]),
    ];

    /// <summary>Creates options from the process environment's short names (<see cref="ClientAliases"/>).</summary>
    public static SeedanceClientOptions FromEnvironment()
    {
        var options = new SeedanceClientOptions();
        var configuration = new ConfigurationBuilder().AddSeedanceAliases(ClientAliases).Build();
        SeedanceOptionsBinder.Bind(configuration, options);
        return options;
    }
}
