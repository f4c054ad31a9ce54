using System.Globalization;

namespace Seedance.Client.Requests;

/// <summary>The whole numbers from <paramref name="Min"/> to <paramref name="Max"/>, both included.</summary>
/// <param name="Min">The smallest allowed value.</param>
/// <param name="Max">The largest allowed value.</param>
public readonly record struct IntRange(long Min, long Max)
{
    /// <summary>True when <paramref name="value"/> lies in the range.</summary>
    public bool Contains(long value) => value >= Min && value <= Max;

    /// <summary>"4 to 15".</summary>
    public string Bounds => $"{Min.ToString(CultureInfo.InvariantCulture)} to {Max.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>"an integer from 4 to 15", as violations and descriptions say it.</summary>
    public string Text => $"an integer from {Bounds}";
}
