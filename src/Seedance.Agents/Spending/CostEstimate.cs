namespace Seedance.Agents.Spending;

/// <summary>What a paid call is expected to cost before it is sent, and how that was worked out.</summary>
/// <param name="Usd">The estimate in USD (rounded to the cent), or null when no price is known.</param>
/// <param name="UsdPerSecond">The rate used, or null when none is known.</param>
/// <param name="Seconds">The clip length priced.</param>
/// <param name="Source">One of <see cref="EstimateSources"/>.</param>
/// <param name="Basis">The working in words, e.g. "10 s × $0.1952/s at 720p (published price, …)".</param>
public sealed record CostEstimate(decimal? Usd, decimal? UsdPerSecond, int Seconds, string Source, string Basis)
{
    private readonly decimal? _counted;

    /// <summary>
    /// What the call counts against the daily budget until its real charge is known: the estimate, or, with none, the
    /// highest price per second known (for the model, else for any model) × the length. Null only when no price at all is known.
    /// </summary>
    public decimal? Counted { get => _counted ?? Usd; init => _counted = value; }

    /// <summary>How <see cref="Counted"/> was worked out when there is no estimate; null otherwise.</summary>
    public string? CountedBasis { get; init; }

    /// <summary>"$1.95", or "no estimate".</summary>
    public string Display => Usd is { } usd ? Money(usd) : "no estimate";

    /// <summary>An amount as people read it: "$1.95".</summary>
    public static string Money(decimal usd) => "$" + usd.ToString("0.00##", System.Globalization.CultureInfo.InvariantCulture);
}
