namespace Seedance.Client.Configuration;

/// <summary>
/// A short environment name that stands for a configuration key, such as <c>SEEDANCE_API_KEY</c> for <c>Seedance:ApiKey</c>.
/// Blank variables are ignored; when several aliases feed one key, the first one in the table that is set wins.
/// </summary>
/// <param name="Variable">The variable read, for example <c>SEEDANCE_BASE_URL</c>.</param>
/// <param name="Key">The configuration key it fills, for example <c>Seedance:BaseUrl</c>.</param>
/// <param name="Map">
/// Turns the variable's value into configuration entries, for one variable that becomes several keys or a changed value
/// (a path list becoming <c>…:0</c>, <c>…:1</c>); null maps the value to <paramref name="Key"/> as it is.
/// </param>
public sealed record ConfigurationAlias(string Variable, string Key, Func<string, IEnumerable<KeyValuePair<string, string?>>>? Map = null)
{
    /// <summary>The configuration entries this alias makes from <paramref name="value"/>.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Entries(string value) =>
        Map is null ? [new(Key, value)] : Map(value);
}
