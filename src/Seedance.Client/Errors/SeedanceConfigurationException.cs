namespace Seedance.Client.Errors;

/// <summary>
/// The settings cannot be used: a value is missing, out of range or not readable as its type. <see cref="Problems"/>
/// names each setting and what was given, so a host can show them without matching message text.
/// </summary>
public sealed class SeedanceConfigurationException : InvalidOperationException
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
}
