using Seedance.Client.Requests;

namespace Seedance.Sandbox.Tasks;

/// <summary>
/// What a sandbox task charges on completion: the catalogue's published price per second, so estimates can be checked
/// against charges with no key; where the table has no figure (<c>-mini</c>, <c>4k</c>) a made-up sandbox rate, so that
/// learning from real charges (an estimate going from "none" to "observed") can be seen too.
/// </summary>
internal static class SandboxPrices
{
    /// <summary>Sandbox-only rates, USD per second, for what the published table does not price. Not real figures.</summary>
    private static readonly Dictionary<(string Model, string Resolution), decimal> Unpublished = new()
    {
        [(SeedanceModels.Mini, VideoResolutions.P480)] = 0.05m,
        [(SeedanceModels.Mini, VideoResolutions.P720)] = 0.10m,
        [(SeedanceModels.Standard, VideoResolutions.K4)] = 0.88m,
    };

    private const decimal FallbackPerSecond = 0.20m;

    /// <summary>What <paramref name="request"/> is charged: the model's rate (<paramref name="models"/>) times its length (-1: what the model chose).</summary>
    public static decimal CostOf(VideoGenerationRequest request, Models.SandboxModels models)
    {
        var seconds = request.Duration == -1 ? Models.SandboxModels.ChosenSeconds : request.Duration;
        var rate = models.Catalog.TryGet(request.Model, out var model)
            ? models.RateOf(model, request.Resolution, request.GenerateAudio, request.VideoUrls is { Count: > 0 })
            : UnpublishedRate(request.Model, request.Resolution);
        return rate * seconds;
    }

    /// <summary>The sandbox-only rate for what no table prices.</summary>
    public static decimal UnpublishedRate(string model, string resolution) => Unpublished.GetValueOrDefault((model, resolution), FallbackPerSecond);
}
