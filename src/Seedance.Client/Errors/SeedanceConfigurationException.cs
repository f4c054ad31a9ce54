using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
namespace Seedance.Client.Errors;

/// <summary>
/// The settings cannot be used: a value is missing, out of range or not readable as its type. <see cref="Problems"/>
/// names each setting and what was given, so a host can show them without matching message text.
/// </summary>
public sealed partial class SeedanceConfigurationException : InvalidOperationException
{
    /// <summary>The text every message starts with.</summary>
    public const string MessagePrefix = "The configuration is not usable: ";

    /// <summary>Creates the exception for <paramref name="problems"/> (at least one).</summary>
    public SeedanceConfigurationException(IReadOnlyList<string> problems, Exception? innerException = null)
        : base(MessagePrefix + string.Join(" ", problems ?? []), innerException)
    {
        Problems = problems ?? [];
    }

    /// <summary>Every problem, each naming the setting (for example <c>Seedance:RequestTimeout</c>) and the value given.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>
    /// The exception for a value the configuration binder could not read as its type: names the key, the type wanted
    /// and the value given, which is what the user must fix.
    /// </summary>
    public static SeedanceConfigurationException ForUnreadableValue(IConfiguration configuration, InvalidOperationException bindingError)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(bindingError);
        var match = KeyAndType().Match(bindingError.Message);
        if (!match.Success)
        {
            return new SeedanceConfigurationException([bindingError.Message], bindingError);
        }

        var key = match.Groups["key"].Value;
        var type = match.Groups["type"].Value;
        var name = type[(type.LastIndexOf('.') + 1)..];
        return new SeedanceConfigurationException([$"{key} must be a {name}; given: {configuration[key] ?? "nothing"}."], bindingError);
    }

    [GeneratedRegex("at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex KeyAndType();
}
