using Microsoft.Extensions.Configuration;
using Seedance.Client.Errors;

namespace Seedance.Client.Configuration;

/// <summary>
/// Binds the <c>Seedance</c> section onto <see cref="SeedanceClientOptions"/>, turning values that cannot be read as
/// their type into a <see cref="SeedanceConfigurationException"/> that names the key and the value given.
/// </summary>
internal static class SeedanceOptionsBinder
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
            throw SeedanceConfigurationException.ForUnreadableValue(configuration, ex);
        }
    }
}
