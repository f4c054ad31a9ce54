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

    /// <summary>
    /// Fills options left unset (no key, the default base URL) from the variables that <paramref name="read"/> returns.
    /// Kept for callers that bind options by hand; <see cref="SeedanceConfigurationBuilderExtensions.AddSeedanceAliases"/>
    /// is the configuration-native way.
    /// </summary>
    public static void Apply(SeedanceClientOptions options, Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(read);
        var aliases = new ConfigurationBuilder().AddSeedanceAliases(ClientAliases, read).Build();
        if (string.IsNullOrWhiteSpace(options.ApiKey) && aliases[ApiKeyKey] is { } key)
        {
            options.ApiKey = key;
        }

        if (options.BaseUrl == SeedanceClientOptions.DefaultBaseUrl && aliases[BaseUrlKey] is { Length: > 0 } url)
        {
            // A malformed value is kept visible so that validation names it instead of silently using the default.
            options.BaseUrl = Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? parsed
                : Uri.TryCreate(url, UriKind.RelativeOrAbsolute, out var relative) ? relative
                : throw new Errors.SeedanceConfigurationException([SeedanceClientOptions.BaseUrlProblem(url)]);
        }
    }

    /// <summary>Creates options from the process environment's short names (<see cref="ClientAliases"/>).</summary>
    public static SeedanceClientOptions FromEnvironment()
    {
        var options = new SeedanceClientOptions();
        var configuration = new ConfigurationBuilder().AddSeedanceAliases(ClientAliases).Build();
        SeedanceOptionsBinder.Bind(configuration, options);
        return options;
    }
}
