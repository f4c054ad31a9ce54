using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Seedance.Client.Errors;

namespace Seedance.Client.Configuration;

/// <summary>
/// Binds the <c>Seedance</c> section onto <see cref="SeedanceClientOptions"/>, turning values that cannot be read as
/// their type into a <see cref="SeedanceConfigurationException"/> that names the key and the value given.
/// </summary>
internal static partial class SeedanceOptionsBinder
{
    public static void Bind(IConfiguration configuration, SeedanceClientOptions options)
    {
        var section = configuration.GetSection(SeedanceClientOptions.SectionName);
        var baseUrl = section[nameof(SeedanceClientOptions.BaseUrl)];
        if (baseUrl is not null && !Uri.TryCreate(baseUrl.Trim(), UriKind.RelativeOrAbsolute, out _))
        {
            throw new SeedanceConfigurationException([SeedanceClientOptions.BaseUrlProblem(baseUrl)]);
        }

        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new SeedanceConfigurationException([Describe(configuration, ex)], ex);
        }
    }

    /// <summary>The binder names the key and the type it wanted; add the value given, which is what the user must fix.</summary>
    private static string Describe(IConfiguration configuration, InvalidOperationException ex)
    {
        var match = KeyAndType().Match(ex.Message);
        if (!match.Success)
        {
            return ex.Message;
        }

        var key = match.Groups["key"].Value;
        var type = match.Groups["type"].Value;
        var name = type[(type.LastIndexOf('.') + 1)..];
        return $"{key} must be a {name}; given: {configuration[key] ?? "nothing"}.";
    }

    [GeneratedRegex("at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex KeyAndType();
}
