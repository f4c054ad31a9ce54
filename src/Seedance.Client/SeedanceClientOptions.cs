using System.ComponentModel.DataAnnotations;
using Seedance.Client.Configuration;
using Seedance.Client.Models;
using Seedance.Client.Polling;

namespace Seedance.Client;

/// <summary>
/// Settings of <see cref="SeedanceClient"/>. Bound from the <c>Seedance</c> configuration section. Single-value limits
/// are data annotations; rules that span settings are in <see cref="IValidatableObject.Validate"/>; the
/// <c>[OptionsValidator]</c>-generated validator runs both.
/// </summary>
public sealed class SeedanceClientOptions : IValidatableObject
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Seedance";

    /// <summary>The provider's public endpoint.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://api.apimart.ai");

    /// <summary>The API key sent as a bearer token. Never logged, never shown.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API root, without <c>/v1</c>. Defaults to <c>https://api.apimart.ai</c>.</summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>When true (the default), options validation fails without an API key.</summary>
    public bool RequireApiKey { get; set; } = true;

    /// <summary>Models beyond the documented ones (or replacements for them), for when the provider adds models.</summary>
    public IList<ModelInfo> AdditionalModels { get; } = new List<ModelInfo>();

    /// <summary>How long one HTTP call may take before it is abandoned.</summary>
    [PositiveDuration]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a failed read (status, balance) is retried.</summary>
    [SettingRange(0, 10)]
    public int ReadRetries { get; set; } = 3;

    /// <summary>The first back-off of read retries; later ones grow exponentially, with jitter.</summary>
    public TimeSpan ReadRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a submit or upload refused with 429 is tried again (a refused request was not paid).</summary>
    [SettingRange(0, 10)]
    public int RateLimitRetries { get; set; } = 2;

    /// <summary>
    /// Whether a submit whose outcome is unsure (timeout, 5xx, dropped connection, cut or unreadable answer, an answer
    /// without a task id) is sent again, byte for byte, with the same <c>Idempotency-Key</c>, so that the provider
    /// replays the task it may already have created instead of creating (and charging) another. On by default; turn it
    /// off only for a gateway that does not honour the key (then such a submit ends with
    /// <see cref="Errors.SeedanceErrorKind.SubmitOutcomeUnknown"/> after one attempt).
    /// </summary>
    public bool ReplayUnsureSubmits { get; set; } = true;

    /// <summary>
    /// How many times in all one submission may be sent when its outcomes are unsure (the first attempt included); the
    /// call's deadline may allow fewer. Attempts the provider refused with 429 are bounded by <see cref="RateLimitRetries"/> instead.
    /// </summary>
    [SettingRange(1, 10)]
    public int MaxSubmitAttempts { get; set; } = 3;

    /// <summary>The longest <c>Retry-After</c> this client waits for inside one call; longer ones end the call with the error.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest response body read, to protect memory against a broken or hostile server.</summary>
    [SettingRange(1024)]
    public int MaxResponseBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How waiting for a task polls.</summary>
    public PollingOptions Polling { get; set; } = new();

    /// <summary>The catalogue of known models: the documented ones plus <see cref="AdditionalModels"/>.</summary>
    public ModelCatalog BuildCatalog() =>
        AdditionalModels.Count == 0 ? ModelCatalog.Default : ModelCatalog.Default.With(AdditionalModels);

    /// <summary>Every problem with these settings, each naming the setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var result = new SeedanceClientOptionsValidator().Validate(null, this);
        return result.Failed ? result.Failures.ToArray() : [];
    }

    /// <summary>The rules that span settings or need more than one attribute: key, base URL, polling.</summary>
    /// <remarks>Results carry no member names: each message already names its setting the way users write it.</remarks>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (RequireApiKey && string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return new ValidationResult("Seedance:ApiKey is not set. Set the SEEDANCE_API_KEY (or APIMART_API_KEY) environment variable, "
                + "or Seedance:ApiKey in configuration. Keys are at https://apimart.ai/keys.");
        }

        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttps && BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult(BaseUrlProblem(BaseUrl?.OriginalString));
        }

        foreach (var problem in Polling.Validate())
        {
            yield return new ValidationResult(problem);
        }

        // Checked here so that a half-configured model stops the host at start with its setting named, instead of failing
        // when the catalogue is first built.
        for (var i = 0; i < AdditionalModels.Count; i++)
        {
            var model = AdditionalModels[i];
            if (string.IsNullOrWhiteSpace(model.Name) || model.Resolutions.Count == 0)
            {
                yield return new ValidationResult($"Seedance:AdditionalModels:{i} needs a Name and at least one resolution "
                    + $"(Seedance:AdditionalModels:{i}:Resolutions:0, such as 720p); given: Name '{model.Name}' with "
                    + $"{(model.Resolutions.Count == 0 ? "no resolutions" : string.Join(", ", model.Resolutions))}.");
            }
        }
    }

    internal static string BaseUrlProblem(string? given) =>
        $"Seedance:BaseUrl must be an absolute http(s) URL; given: {given ?? "nothing"}.";
}
