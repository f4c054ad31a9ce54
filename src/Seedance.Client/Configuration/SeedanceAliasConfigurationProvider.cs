using Microsoft.Extensions.Configuration;

namespace Seedance.Client.Configuration;

/// <summary>Loads the entries of a <see cref="SeedanceAliasConfigurationSource"/>: each set variable's entries, the first alias winning per key.</summary>
internal sealed class SeedanceAliasConfigurationProvider(SeedanceAliasConfigurationSource source) : ConfigurationProvider
{
    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var alias in source.Aliases)
        {
            var value = source.Read(alias.Variable);
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            foreach (var (key, entry) in alias.Entries(value))
            {
                data.TryAdd(key, entry);
            }
        }

        Data = data;
    }
}
