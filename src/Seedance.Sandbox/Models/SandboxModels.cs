using System.Globalization;
using System.Text.Json.Nodes;
using Seedance.Client.Models;
using Seedance.Client.Requests;
using Seedance.Client.Validation;
using Seedance.Sandbox.Tasks;

namespace Seedance.Sandbox.Models;

/// <summary>
/// The models the sandbox serves, lists, describes (<c>model-schema</c>), prices and enforces: the client's shipped
/// catalogue, changed by <see cref="SandboxOptions.ModelChanges"/> or <c>POST /_sandbox/models</c> to act out the provider
/// moving on (a limit lowered, a model added, a model listed under another id). Text form of one change:
/// <c>[+]model[:key=value;…]</c>, <c>+</c> adding a model; keys <c>id</c> (the id it is listed and accepted under),
/// <c>min_duration</c>, <c>max_duration</c>, <c>auto_duration</c> (0: no -1), <c>max_images</c>, <c>max_videos</c>,
/// <c>max_audios</c>, <c>resolutions</c> and <c>output_formats</c> (values joined with <c>|</c>), <c>price_&lt;resolution&gt;</c>.
/// </summary>
internal sealed class SandboxModels
{
    /// <summary>What the sandbox's model picks when asked for <c>duration: -1</c>.</summary>
    public const int ChosenSeconds = 8;

    private readonly object _gate = new();
    private ModelCatalog _catalog = ModelCatalog.Default;
    private Dictionary<(string Model, string Resolution), decimal> _prices = [];

    public SandboxModels(IEnumerable<string> changes)
    {
        foreach (var change in changes)
        {
            Apply(change);
        }
    }

    /// <summary>The models as they are now.</summary>
    public ModelCatalog Catalog
    {
        get
        {
            lock (_gate)
            {
                return _catalog;
            }
        }
    }

    /// <summary>A validator for the models as they are now.</summary>
    public RequestValidator Validator => new(Catalog);

    /// <summary>Applies one change in the text form; throws <see cref="FormatException"/> naming what was wrong.</summary>
    public void Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var adding = trimmed.StartsWith('+');
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var name = (colon < 0 ? trimmed : trimmed[..colon]).TrimStart('+').Trim();
        if (name.Length == 0)
        {
            throw new FormatException($"model change '{text}': a model name is needed.");
        }

        lock (_gate)
        {
            ModelInfo model;
            if (_catalog.TryGet(name, out var found))
            {
                model = found;
            }
            else if (adding)
            {
                model = new ModelInfo { Name = name, Resolutions = [VideoResolutions.P480, VideoResolutions.P720], Summary = "added in the sandbox" };
            }
            else
            {
                throw new FormatException($"model change '{text}': unknown model '{name}' (prefix it with + to add one).");
            }

            var prices = new Dictionary<(string, string), decimal>(_prices);
            foreach (var pair in colon < 0 ? [] : trimmed[(colon + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var key = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
                model = key switch
                {
                    "id" => model with { Name = value, Aliases = [.. model.Aliases.Where(a => a != value), .. model.Name == value ? Array.Empty<string>() : [model.Name]] },
                    "min_duration" => model with { MinDuration = Number(text, value) },
                    "max_duration" => model with { MaxDuration = Number(text, value) },
                    "auto_duration" => model with { AutoDurationSeconds = Number(text, value) is > 0 and var auto ? auto : null },
                    "max_images" => model with { MaxImages = Number(text, value) },
                    "max_videos" => model with { MaxVideos = Number(text, value) },
                    "max_audios" => model with { MaxAudios = Number(text, value) },
                    "resolutions" => model with { Resolutions = value.Split('|', StringSplitOptions.RemoveEmptyEntries) },
                    "output_formats" => model with { OutputFormats = value.Split('|', StringSplitOptions.RemoveEmptyEntries) },
                    _ when key.StartsWith("price_", StringComparison.Ordinal) => model,
                    _ => throw new FormatException($"model change '{text}': unknown key '{key}'."),
                };
                if (key.StartsWith("price_", StringComparison.Ordinal))
                {
                    prices[(name, key["price_".Length..])] = decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate > 0
                        ? rate : throw new FormatException($"model change '{text}': {key} needs a positive number.");
                }
            }

            // Prices set here follow the model under its (possibly new) id.
            foreach (var ((priced, resolution), rate) in prices.Where(p => p.Key.Item1 == name).ToArray())
            {
                prices.Remove((priced, resolution));
                prices[(model.Name, resolution)] = rate;
            }

            _prices = prices;
            _catalog = new ModelCatalog(_catalog.Models.Where(m => m != found).Append(model));
        }
    }

    /// <summary>USD per second the sandbox charges for <paramref name="model"/> at <paramref name="resolution"/>.</summary>
    public decimal RateOf(ModelInfo model, string resolution, bool generateAudio, bool withVideo)
    {
        lock (_gate)
        {
            if (_prices.TryGetValue((model.Name, resolution), out var set))
            {
                return set;
            }
        }

        return model.PriceAt(resolution) is { } price ? price.RateFor(generateAudio, withVideo) : SandboxPrices.UnpublishedRate(model.Name, resolution);
    }

    /// <summary>The price the sandbox publishes for <paramref name="model"/> per resolution: only figures it has (set or shipped).</summary>
    public IReadOnlyDictionary<string, decimal> PublishedRates(ModelInfo model)
    {
        var rates = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var resolution in model.Resolutions)
        {
            lock (_gate)
            {
                if (_prices.TryGetValue((model.Name, resolution), out var set))
                {
                    rates[resolution] = set;
                    continue;
                }
            }

            if (model.PriceAt(resolution) is { } price)
            {
                rates[resolution] = price.UsdPerSecond;
            }
        }

        return rates;
    }

    /// <summary>The <c>model-schema</c> answer for <paramref name="model"/>: its request body as a JSON Schema.</summary>
    public static JsonObject Schema(ModelInfo model)
    {
        var duration = model.AutoDurationSeconds is null
            ? new JsonObject
            {
                ["type"] = "integer", ["minimum"] = model.MinDuration, ["maximum"] = model.MaxDuration, ["default"] = VideoDefaults.Duration,
                ["description"] = $"Video length in seconds, {model.MinDuration} to {model.MaxDuration}.",
            }
            : new JsonObject
            {
                ["oneOf"] = new JsonArray(
                    new JsonObject { ["type"] = "integer", ["minimum"] = model.MinDuration, ["maximum"] = model.MaxDuration },
                    new JsonObject { ["const"] = -1 }),
                ["default"] = VideoDefaults.Duration,
                ["description"] = $"Video length in seconds, {model.MinDuration} to {model.MaxDuration}, or -1 to let the model choose.",
            };
        var properties = new JsonObject
        {
            ["model"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(model.Name) },
            ["prompt"] = model.MaxPromptLength is { } length ? new JsonObject { ["type"] = "string", ["maxLength"] = length } : new JsonObject { ["type"] = "string" },
            ["duration"] = duration,
            ["size"] = new JsonObject { ["type"] = "string", ["enum"] = Strings(VideoSizes.All) },
            ["resolution"] = new JsonObject { ["type"] = "string", ["enum"] = Strings(model.Resolutions) },
            ["seed"] = new JsonObject { ["type"] = "integer", ["minimum"] = VideoLimits.MinSeed, ["maximum"] = VideoLimits.MaxSeed },
            ["generate_audio"] = new JsonObject { ["type"] = "boolean" },
            ["return_last_frame"] = new JsonObject { ["type"] = "boolean" },
            ["tools"] = new JsonObject { ["type"] = "array" },
            ["image_urls"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" }, ["maxItems"] = model.MaxImages },
            ["image_with_roles"] = new JsonObject { ["type"] = "array", ["maxItems"] = model.MaxImages },
            ["video_urls"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" }, ["maxItems"] = model.MaxVideos },
            ["audio_urls"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" }, ["maxItems"] = model.MaxAudios },
        };
        if (model.OutputFormats.Count > 0)
        {
            properties["output_format"] = new JsonObject { ["type"] = "string", ["enum"] = Strings(model.OutputFormats) };
        }

        if (model.ReferenceTaskTypes.Count > 0)
        {
            properties["omni_reference_task_type"] = new JsonObject { ["type"] = "string", ["enum"] = Strings(model.ReferenceTaskTypes) };
        }

        return new JsonObject
        {
            ["model"] = model.Name,
            ["operation"] = "video_generation",
            ["endpoint"] = "/v1/videos/generations",
            ["schema_version"] = "sandbox-1",
            ["input_schema"] = new JsonObject { ["type"] = "object", ["required"] = new JsonArray("model"), ["properties"] = properties },
        };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());

    private static int Number(string text, string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"model change '{text}': '{value}' is not a whole number.");
}
