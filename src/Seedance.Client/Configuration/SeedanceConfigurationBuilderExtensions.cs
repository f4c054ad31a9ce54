using Seedance.Client.Configuration;

namespace Microsoft.Extensions.Configuration;

/// <summary>Adds the short environment names (<see cref="ConfigurationAlias"/>) to a configuration.</summary>
public static class SeedanceConfigurationBuilderExtensions
{
    /// <summary>
    /// Adds a source that maps <paramref name="aliases"/> (for example <see cref="Seedance.Client.SeedanceEnvironment.ClientAliases"/>)
    /// to configuration keys. Sources added later win, so add this one first for "aliases fill gaps".
    /// </summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="aliases">The alias table, in order of precedence.</param>
    /// <param name="read">Reads a variable; the process environment when null.</param>
    public static IConfigurationBuilder AddSeedanceAliases(this IConfigurationBuilder builder, IEnumerable<ConfigurationAlias> aliases,
        Func<string, string?>? read = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new SeedanceAliasConfigurationSource(aliases, read));
    }
}
