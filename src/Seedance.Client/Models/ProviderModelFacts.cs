using System.Globalization;
using System.Text.Json;
using Seedance.Client.Serialization;

namespace Seedance.Client.Models;

/// <summary>
/// Reads the provider's model list, input schemas and prices, and merges them over a catalogue: where they differ the
/// provider wins, and each difference is described in words. Whatever is missing or unreadable leaves the catalogue's
/// fact as it was; nothing here throws on a bad answer.
/// </summary>
public static class ProviderModelFacts
{
    /// <summary>The source named on facts taken from the provider's schema.</summary>
    public const string SchemaSource = "provider model-schema";

    /// <summary>The source named on prices taken from the provider's pricing.</summary>
    public const string PricingSource = "provider pricing";

    /// <summary>The ids of video models in a <c>GET /v1/models</c> answer (OpenAI-style list); null when unreadable.</summary>
    public static IReadOnlyList<string>? ReadModelIds(string? json)
    {
        if (Parse(json) is not { } root)
        {
            return null;
        }

        var data = root.ValueKind == JsonValueKind.Array ? root : JsonRead.Property(root, "data") ?? default;
        if (data.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var ids = new List<string>();
        foreach (var item in data.EnumerateArray())
        {
            var id = item.ValueKind == JsonValueKind.String ? item.GetString() : item.ValueKind == JsonValueKind.Object ? JsonRead.String(item, "id") : null;
            // The list holds every model the provider resells; only Seedance's video models concern this client.
            if (!string.IsNullOrWhiteSpace(id) && id.Contains("seedance", StringComparison.OrdinalIgnoreCase) && !ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>
    /// The ids whose schema and price are worth reading: the listed video models, or, when the list could not be read, the
    /// catalogue's own models.
    /// </summary>
    public static IReadOnlyList<string> IdsToRead(ModelCatalog catalog, string? modelList) =>
        ReadModelIds(modelList) is { Count: > 0 } listed ? listed : catalog.Names;

    /// <summary>
    /// <paramref name="catalog"/> with the provider's facts of <paramref name="snapshot"/> laid over it; each difference
    /// goes to <paramref name="differences"/>, one sentence each.
    /// </summary>
    public static ModelCatalog Merge(ModelCatalog catalog, ProviderSnapshot snapshot, List<string> differences)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(differences);
        var readOn = snapshot.ReadAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var listed = ReadModelIds(snapshot.ModelList);
        var models = new List<ModelInfo>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var shipped in catalog.Models)
        {
            var model = shipped;
            // A model known by two ids is sent under the one the provider lists.
            if (listed is not null && !listed.Contains(model.Name, StringComparer.Ordinal)
                && model.Aliases.FirstOrDefault(a => listed.Contains(a, StringComparer.Ordinal)) is { } listedId)
            {
                differences.Add($"{model.Name}: the provider lists it as {listedId}; that id is sent.");
                model = model with { Name = listedId, Aliases = [.. model.Aliases.Where(a => a != listedId), model.Name] };
            }

            known.Add(model.Name);
            known.UnionWith(model.Aliases);
            model = WithSchema(model, Find(snapshot.Schemas, model), readOn, differences);
            model = WithPrices(model, Find(snapshot.Prices, model), readOn, differences);
            models.Add(model);
        }

        foreach (var id in listed ?? [])
        {
            if (known.Contains(id))
            {
                continue;
            }

            // A model we have never seen is usable with the limits its schema states; without a readable schema it is not.
            var fresh = new ModelInfo { Name = id, Summary = "listed by the provider" };
            var withSchema = WithSchema(fresh, snapshot.Schemas.GetValueOrDefault(id), readOn, []);
            if (withSchema.Resolutions.Count == 0)
            {
                continue;
            }

            differences.Add($"{id}: a model the provider lists and this build did not know; usable with the limits its schema states "
                + $"({withSchema.DurationText}, {string.Join("/", withSchema.Resolutions)}).");
            models.Add(WithPrices(withSchema, snapshot.Prices.GetValueOrDefault(id), readOn, []));
        }

        return new ModelCatalog(models);
    }

    /// <summary><paramref name="model"/> with the limits of a <c>model-schema</c> answer where it states them.</summary>
    public static ModelInfo WithSchema(ModelInfo model, string? json, string readOn, List<string> differences)
    {
        if (Parse(json) is not { } root || (JsonRead.Property(root, "input_schema") ?? JsonRead.Property(JsonRead.Property(root, "data") ?? default, "input_schema")) is not { ValueKind: JsonValueKind.Object } schema
            || JsonRead.Property(schema, "properties") is not { ValueKind: JsonValueKind.Object } properties)
        {
            return model;
        }

        var changed = model;
        if (JsonRead.Property(properties, "duration") is { ValueKind: JsonValueKind.Object } duration && Range(duration) is { } range)
        {
            changed = changed with
            {
                MinDuration = range.Min ?? changed.MinDuration,
                MaxDuration = range.Max ?? changed.MaxDuration,
                AutoDurationSeconds = range.Auto ? changed.AutoDurationSeconds ?? range.Max ?? changed.MaxDuration : null,
            };
        }

        changed = changed with
        {
            Resolutions = Strings(properties, "resolution") ?? changed.Resolutions,
            MaxImages = MaxItems(properties, "image_urls") ?? changed.MaxImages,
            MaxVideos = MaxItems(properties, "video_urls") ?? changed.MaxVideos,
            MaxAudios = MaxItems(properties, "audio_urls") ?? changed.MaxAudios,
            // The schema lists the body's fields: one it leaves out is not taken by this model (the provider is the judge).
            OutputFormats = Strings(properties, "output_format") ?? (Has(properties, "output_format") ? changed.OutputFormats : []),
            ReferenceTaskTypes = Strings(properties, "omni_reference_task_type") ?? (Has(properties, "omni_reference_task_type") ? changed.ReferenceTaskTypes : []),
            MaxPromptLength = JsonRead.Property(properties, "prompt") is { ValueKind: JsonValueKind.Object } prompt && JsonRead.Integer(prompt, "maxLength") is { } length
                ? (int)length : changed.MaxPromptLength,
        };

        var version = JsonRead.String(root, "schema_version");
        changed = changed with
        {
            LimitsSource = SchemaSource + (version is null ? string.Empty : $" (schema_version {version})"),
            LimitsCheckedOn = readOn,
            LimitsReported = false,
        };
        Describe(model, changed, differences);
        return changed;
    }

    /// <summary><paramref name="model"/> with the per-second prices of a pricing answer, per resolution, where it states them.</summary>
    public static ModelInfo WithPrices(ModelInfo model, string? json, string readOn, List<string> differences)
    {
        if (Parse(json) is not { } root || JsonRead.Property(root, "success") is { ValueKind: JsonValueKind.False }
            || JsonRead.Property(root, "data") is not { ValueKind: JsonValueKind.Object } data
            || JsonRead.Property(data, "resolution_prices") is not { ValueKind: JsonValueKind.Object } table)
        {
            return model;
        }

        // discount_rate is a factor applied to the listed figures (1 = none); anything outside (0, 1] is not trusted.
        var discount = JsonRead.Decimal(data, "discount_rate") is { } rate and > 0 and <= 1 ? rate : 1m;
        var prices = model.Prices.ToList();
        foreach (var entry in table.EnumerateObject())
        {
            if (JsonRead.AsText(entry.Value) is not { } text
                || !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var listed) || listed <= 0)
            {
                continue;
            }

            var perSecond = Math.Round(listed * discount, 4);
            var index = prices.FindIndex(p => string.Equals(p.Resolution, entry.Name, StringComparison.OrdinalIgnoreCase));
            var old = index >= 0 ? prices[index] : null;
            if (old is not null && old.UsdPerSecond != perSecond)
            {
                differences.Add($"{model.Name} at {entry.Name}: ${Usd(old.UsdPerSecond)}/s ({old.Source}) → ${Usd(perSecond)}/s ({PricingSource}).");
            }

            var price = (old ?? new ModelPrice { Resolution = entry.Name }) with
            {
                UsdPerSecond = perSecond,
                // The provider's figure replaces the reported ones that depend on it.
                UsdPerSecondWithVideo = old?.UsdPerSecond == perSecond ? old.UsdPerSecondWithVideo : null,
                Source = PricingSource,
                CheckedOn = readOn,
            };
            if (index >= 0)
            {
                prices[index] = price;
            }
            else
            {
                prices.Add(price);
            }
        }

        return model with { Prices = prices };
    }

    private static void Describe(ModelInfo before, ModelInfo after, List<string> differences)
    {
        void Compare(string what, string was, string now)
        {
            if (!string.Equals(was, now, StringComparison.Ordinal))
            {
                differences.Add($"{after.Name}: {what} {was} → {now} ({SchemaSource}).");
            }
        }

        Compare("duration", before.DurationText, after.DurationText);
        Compare("resolutions", string.Join("/", before.Resolutions), string.Join("/", after.Resolutions));
        Compare("most images", Text(before.MaxImages), Text(after.MaxImages));
        Compare("most videos", Text(before.MaxVideos), Text(after.MaxVideos));
        Compare("most audio clips", Text(before.MaxAudios), Text(after.MaxAudios));
        Compare("output_format", string.Join("/", before.OutputFormats), string.Join("/", after.OutputFormats));
        Compare("omni_reference_task_type", string.Join("/", before.ReferenceTaskTypes), string.Join("/", after.ReferenceTaskTypes));
    }

    /// <summary>min/max of an integer schema, looking into anyOf/oneOf branches; Auto when -1 is allowed (an enum or const of -1).</summary>
    private static (int? Min, int? Max, bool Auto)? Range(JsonElement schema)
    {
        int? min = null, max = null;
        var auto = false;
        var found = false;
        void Visit(JsonElement node)
        {
            if (node.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (JsonRead.Integer(node, "const") is -1)
            {
                auto = true;
                found = true;
            }

            if (JsonRead.Property(node, "enum") is { ValueKind: JsonValueKind.Array } values)
            {
                var numbers = values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out _)).Select(v => v.GetInt32()).ToArray();
                auto |= numbers.Contains(-1);
                var positive = numbers.Where(n => n > 0).ToArray();
                if (positive.Length > 0)
                {
                    min = Math.Min(min ?? int.MaxValue, positive.Min());
                    max = Math.Max(max ?? int.MinValue, positive.Max());
                }

                found |= numbers.Length > 0;
            }

            if (JsonRead.Integer(node, "minimum") is { } low)
            {
                if (low == -1)
                {
                    auto = true;
                }
                else
                {
                    min = Math.Min(min ?? int.MaxValue, (int)low);
                }

                found = true;
            }

            if (JsonRead.Integer(node, "maximum") is { } high)
            {
                max = Math.Max(max ?? int.MinValue, (int)high);
                found = true;
            }

            foreach (var branch in new[] { "anyOf", "oneOf" })
            {
                if (JsonRead.Property(node, branch) is { ValueKind: JsonValueKind.Array } branches)
                {
                    foreach (var item in branches.EnumerateArray())
                    {
                        Visit(item);
                    }
                }
            }
        }

        Visit(schema);
        // A schema of "-1 to 30" means 4..30 is not stated: keep the known minimum then.
        return found ? (min, max, auto) : null;
    }

    private static bool Has(JsonElement properties, string name) => JsonRead.Property(properties, name) is not null;

    private static string[]? Strings(JsonElement properties, string name) =>
        JsonRead.Property(properties, name) is { ValueKind: JsonValueKind.Object } field
        && JsonRead.Property(field, "enum") is { ValueKind: JsonValueKind.Array } values
            ? values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray() is { Length: > 0 } found ? found : null
            : null;

    private static int? MaxItems(JsonElement properties, string name) =>
        JsonRead.Property(properties, name) is { ValueKind: JsonValueKind.Object } field && JsonRead.Integer(field, "maxItems") is { } most and > 0
            ? (int)most : null;

    private static string? Find(IReadOnlyDictionary<string, string> answers, ModelInfo model) =>
        answers.GetValueOrDefault(model.Name) ?? model.Aliases.Select(answers.GetValueOrDefault).FirstOrDefault(a => a is not null);

    private static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Usd(decimal value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
