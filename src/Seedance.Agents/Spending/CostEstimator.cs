using System.Globalization;
using System.Text.Json;
using Seedance.Agents.Journal;
using Seedance.Client.Models;
using Seedance.Client.Requests;

namespace Seedance.Agents.Spending;

/// <summary>
/// Prices a request before it is sent: a configured price first, then the rate per second learnt from the journal's real
/// charges for the same model and resolution, then the catalogue's published table; with none of these, "no estimate".
/// </summary>
internal sealed class CostEstimator
{
    // Enough recent charges to smooth out one odd task, few enough that a price change shows within a day's work.
    private const int ChargesConsidered = 50;

    private readonly Func<ModelCatalog> _models;
    private readonly TaskJournal _journal;
    private readonly SeedanceAgentOptions _options;

    public CostEstimator(ModelCatalog catalog, TaskJournal journal, SeedanceAgentOptions options)
        : this(() => catalog, journal, options)
    {
    }

    /// <summary>An estimator over the catalogue in force at each estimate (the provider's prices, once read).</summary>
    public CostEstimator(Func<ModelCatalog> models, TaskJournal journal, SeedanceAgentOptions options)
    {
        _models = models;
        _journal = journal;
        _options = options;
    }

    private ModelCatalog Catalog => _models();

    public async Task<CostEstimate> EstimateAsync(VideoGenerationRequest request, CancellationToken cancellationToken)
    {
        // duration -1 (the model chooses) is charged up front at the model's budgeted length, and counted so.
        var known = Catalog.TryGet(request.Model, out var info);
        // Charges are journaled under the id sent: a model asked for by its other id learns from the same tasks.
        var byId = known && info!.Name != request.Model && !_options.Prices.ContainsKey(request.Model) ? request with { Model = info.Name } : request;
        var seconds = known ? info!.BudgetedSeconds(request.Duration) : request.Duration;
        var at = $"at {request.Resolution}{(request.GenerateAudio ? " with sound" : string.Empty)}";
        if (Configured(request) is { } configured)
        {
            return Make(configured, seconds, EstimateSources.Configured, $"{at} (configured price, Seedance:Agents:Prices)");
        }

        if (_options.LearnPricesFromCharges && await ObservedAsync(byId, cancellationToken) is { } observed)
        {
            return Make(observed.Rate, seconds, EstimateSources.Observed,
                $"{at} (observed in the real charges of {observed.Tasks} finished {byId.Model} {request.Resolution} task{(observed.Tasks == 1 ? string.Empty : "s")})");
        }

        if (known && info!.PriceAt(request.Resolution) is { } price)
        {
            var withVideo = request.VideoUrls is { Count: > 0 };
            return Make(price.RateFor(request.GenerateAudio, withVideo), seconds, EstimateSources.PriceTable,
                $"{at}{(withVideo && price.UsdPerSecondWithVideo is not null ? " with a reference video" : string.Empty)} "
                + $"({price.Source ?? "published price"}{(price.CheckedOn is null ? string.Empty : ", read " + price.CheckedOn)})");
        }

        var none = new CostEstimate(null, null, seconds, EstimateSources.None,
            $"no estimate: no price is known for {request.Model} at {request.Resolution}, and no finished task of it has been charged yet");
        if (Highest(request.Model) is not { } highest)
        {
            return none;
        }

        var counted = Math.Round(highest.Rate * seconds, 2, MidpointRounding.AwayFromZero);
        return none with
        {
            Counted = counted,
            CountedBasis = $"{seconds.ToString(CultureInfo.InvariantCulture)} s × ${highest.Rate.ToString("0.0000", CultureInfo.InvariantCulture)}/s, "
                + $"the highest price per second known {highest.Of}",
        };
    }

    /// <summary>The highest price per second known for <paramref name="model"/> (any resolution, with or without sound), else for any model.</summary>
    private (decimal Rate, string Of)? Highest(string model)
    {
        var own = Rates(model).ToArray();
        if (own.Length > 0)
        {
            return (own.Max(), $"for {model}");
        }

        var all = Catalog.Models.Select(m => m.Name).Concat(_options.Prices.Keys).SelectMany(Rates).ToArray();
        return all.Length > 0 ? (all.Max(), "for any model") : null;
    }

    private IEnumerable<decimal> Rates(string model)
    {
        if (Catalog.TryGet(model, out var info))
        {
            foreach (var price in info.Prices)
            {
                yield return price.UsdPerSecond;
                if (price.UsdPerSecondWithAudio is { } audio)
                {
                    yield return audio;
                }
            }
        }

        if (_options.Prices.TryGetValue(model, out var configured))
        {
            foreach (var rate in configured.Values)
            {
                yield return rate;
            }
        }
    }

    private static CostEstimate Make(decimal rate, int seconds, string source, string words)
    {
        var usd = Math.Round(rate * seconds, 2, MidpointRounding.AwayFromZero);
        var basis = $"{seconds.ToString(CultureInfo.InvariantCulture)} s × ${rate.ToString("0.0000", CultureInfo.InvariantCulture)}/s {words}";
        return new CostEstimate(usd, rate, seconds, source, basis);
    }

    private decimal? Configured(VideoGenerationRequest request)
    {
        if (!_options.Prices.TryGetValue(request.Model, out var prices))
        {
            return null;
        }

        if (request.GenerateAudio && Find(prices, request.Resolution + "-audio") is { } audio)
        {
            return audio;
        }

        return Find(prices, request.Resolution);
    }

    private static decimal? Find(Dictionary<string, decimal> prices, string key) =>
        prices.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)) is { Key: not null } found ? found.Value : null;

    /// <summary>Total charged over total seconds, across the recent succeeded tasks of this model and resolution.</summary>
    private async Task<(decimal Rate, int Tasks)?> ObservedAsync(VideoGenerationRequest request, CancellationToken cancellationToken)
    {
        var charges = await _journal.ChargesAsync(request.Model, ChargesConsidered, cancellationToken);
        decimal cost = 0;
        long seconds = 0;
        var tasks = 0;
        foreach (var (json, charged) in charges)
        {
            if (Read(json) is { } sent && string.Equals(sent.Resolution, request.Resolution, StringComparison.OrdinalIgnoreCase))
            {
                cost += charged;
                seconds += sent.Duration;
                tasks++;
            }
        }

        return seconds > 0 ? (Math.Round(cost / seconds, 4), tasks) : null;
    }

    /// <summary>The resolution and length a journaled body was sent with; null for entries without them (tasks made elsewhere).</summary>
    private static (string Resolution, int Duration)? Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("resolution", out var resolution) && resolution.ValueKind == JsonValueKind.String
                && root.TryGetProperty("duration", out var duration) && duration.TryGetInt32(out var length) && length > 0
                ? (resolution.GetString()!, length)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
