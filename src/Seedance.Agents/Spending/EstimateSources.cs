namespace Seedance.Agents.Spending;

/// <summary>Where an estimate's rate per second came from, in the order they are tried.</summary>
public static class EstimateSources
{
    /// <summary>A price set in configuration (<c>Seedance:Agents:Prices</c>); it wins over everything else.</summary>
    public const string Configured = "configured";

    /// <summary>The rate per second observed in the real charges of finished tasks of the same model and resolution.</summary>
    public const string Observed = "observed";

    /// <summary>The published price table of the model catalogue (dated, with its source).</summary>
    public const string PriceTable = "price_table";

    /// <summary>No price is known: the estimate says so rather than guess.</summary>
    public const string None = "none";
}
