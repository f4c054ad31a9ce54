using System.Globalization;
using System.Text;
using Seedance.Client.Models;
using Seedance.Client.Requests;

namespace Seedance.Agents.Tools;

/// <summary>The words on price that the paid tools' descriptions share, with a figure read from the catalogue's price table.</summary>
internal static class SpendWords
{
    /// <summary>
    /// The price words of a paid tool. <paramref name="withPrices"/> adds the per-second price of every model and resolution
    /// the catalogue has a figure for, and the cheapest (generate_video carries it; the others point there, so it is said once).
    /// </summary>
    public static string PaidCall(ModelCatalog catalog, bool withPrices = false) =>
        (withPrices ? Prices(catalog) : "Price per second: see generate_video. ")
        + "Every answer carries estimated_cost_usd. The user may be asked to confirm the price first, and a daily budget may refuse the "
        + "call. When the answer is confirmation_required, nothing was sent: show the user the quoted price and ask; only if they agree, "
        + "repeat the call with the same arguments plus confirm_quote set to the quote's quote_id.";

    /// <summary>"USD per second (estimates): m1 480p 0.09, 720p 0.2; m2 …; no figure for … Cheapest: …", from the catalogue.</summary>
    public static string Prices(ModelCatalog catalog)
    {
        var priced = catalog.Models
            .Select(m => (Model: m, Prices: VideoResolutions.All.Select(r => m.PriceAt(r)).OfType<ModelPrice>().ToArray()))
            .ToArray();
        var known = priced.Where(p => p.Prices.Length > 0)
            .Select(p => $"{p.Model.Name} " + string.Join(", ", p.Prices.Select(x => $"{x.Resolution} {Usd(x.UsdPerSecond)}")));
        var unpriced = priced.SelectMany(p => p.Model.Resolutions.Where(r => p.Model.PriceAt(r) is null).Select(r => (p.Model.Name, Resolution: r)))
            .GroupBy(u => u.Name)
            .Select(g => g.Count() == priced.Single(p => p.Model.Name == g.Key).Model.Resolutions.Count ? g.Key : $"{string.Join("/", g.Select(u => u.Resolution))} on {g.Key}")
            .ToArray();
        var cheapest = priced.SelectMany(p => p.Prices.Select(x => (p.Model.Name, Price: x))).OrderBy(x => x.Price.UsdPerSecond).FirstOrDefault();
        var text = new StringBuilder("Price per second of video, USD (estimates; a clip costs about duration × rate): ")
            .Append(string.Join("; ", known)).Append('.');
        if (unpriced.Length > 0)
        {
            text.Append(" No figure for ").Append(string.Join(" or ", unpriced))
                .Append(" (the provider sets it; the user is asked first, and a budget counts it at the highest known rate).");
        }

        if (cheapest.Name is not null)
        {
            text.Append(" Cheapest: ").Append(cheapest.Price.Resolution).Append(" on ").Append(cheapest.Name).Append('.');
        }

        return text.Append(' ').ToString();
    }

    private static string Usd(decimal value) => value.ToString("0.00##", CultureInfo.InvariantCulture);
}
