namespace Seedance.Client;

/// <summary>The short environment variable names users set (the key, the base URL), applied where configuration left a gap.</summary>
public static class SeedanceEnvironment
{
    /// <summary>The API key variable.</summary>
    public const string ApiKeyVariable = "SEEDANCE_API_KEY";

    /// <summary>The provider's own name for the API key variable, accepted too.</summary>
    public const string AlternateApiKeyVariable = "APIMART_API_KEY";

    /// <summary>The base URL variable.</summary>
    public const string BaseUrlVariable = "SEEDANCE_BASE_URL";

    /// <summary>Fills unset options from the variables that <paramref name="read"/> returns.</summary>
    public static void Apply(SeedanceClientOptions options, Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(read);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            var key = read(ApiKeyVariable);
            options.ApiKey = string.IsNullOrWhiteSpace(key) ? read(AlternateApiKeyVariable) : key;
        }

        if (options.BaseUrl == SeedanceClientOptions.DefaultBaseUrl && read(BaseUrlVariable) is { Length: > 0 } url)
        {
            // A malformed value is kept visible so that validation names it instead of silently using the default.
            options.BaseUrl = Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed) ? parsed : new Uri(url.Trim(), UriKind.RelativeOrAbsolute);
        }
    }

    /// <summary>Creates options from the process environment.</summary>
    public static SeedanceClientOptions FromEnvironment()
    {
        var options = new SeedanceClientOptions();
        Apply(options, Environment.GetEnvironmentVariable);
        return options;
    }
}
