using Microsoft.Extensions.Configuration;

namespace Seedance.Client.Configuration;

/// <summary>
/// A configuration source made from short environment names (<see cref="ConfigurationAlias"/>). Add it before the
/// host's own configuration so that anything set explicitly wins and the aliases only fill gaps.
/// </summary>
public sealed class SeedanceAliasConfigurationSource : IConfigurationSource
{
    /// <summary>Creates the source over <paramref name="aliases"/>, reading variables with <paramref name="read"/> (the process environment when null).</summary>
    public SeedanceAliasConfigurationSource(IEnumerable<ConfigurationAlias> aliases, Func<string, string?>? read = null)
    {
        ArgumentNullException.ThrowIfNull(aliases);
        Aliases = aliases.ToArray();
        Read = read ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>The alias table, in order of precedence.</summary>
    public IReadOnlyList<ConfigurationAlias> Aliases { get; }

    /// <summary>Reads one variable.</summary>
    public Func<string, string?> Read { get; }

    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new SeedanceAliasConfigurationProvider(this);
}
