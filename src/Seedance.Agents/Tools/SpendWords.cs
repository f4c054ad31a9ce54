using System.Globalization;
using Seedance.Client.Models;
using Seedance.Client.Requests;

namespace Seedance.Agents.Tools;

/// <summary>The words on price that the paid tools' descriptions share, with a figure read from the catalogue's price table.</summary>
internal static class SpendWords
{
    public static string PaidCall(ModelCatalog catalog)
    {
        var example = catalog.TryGet(SeedanceModels.Standard, out var model) && model.PriceAt(VideoDefaults.Resolution) is { } price
            ? $" (e.g. {VideoDefaults.Resolution} on {model.Name} is about ${price.UsdPerSecond.ToString("0.00##", CultureInfo.InvariantCulture)} per second)"
            : string.Empty;
        // What dry_run does is said once, by its parameter.
        return $"Price grows with duration and resolution{example}; every answer carries estimated_cost_usd. The user may be asked to "
            + "confirm the price first, and a daily budget may refuse the call. When the answer is confirmation_required, nothing was sent: "
            + "show the user the quoted price and ask; only if they agree, repeat the call with the same arguments plus confirm_quote set to "
            + "the quote's quote_id.";
    }
}
