using System.Globalization;
using System.Text;

namespace Seedance.Agents.Results;

/// <summary>The text of a <see cref="ModelListReport"/>: one line per model.</summary>
internal static class ModelListText
{
    public static string Describe(ModelListReport report)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Models (facts from {report.FactsFrom}");
        if (report.ReadAt is { } at)
        {
            text.Append(CultureInfo.InvariantCulture, $", read {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
        }

        text.Append("):");
        foreach (var model in report.Models)
        {
            text.Append(CultureInfo.InvariantCulture, $" {model.Name}");
            if (model.Aliases is { Count: > 0 } aliases)
            {
                text.Append(CultureInfo.InvariantCulture, $" (also {string.Join(", ", aliases)})");
            }

            text.Append(CultureInfo.InvariantCulture,
                $": {model.Durations}; {string.Join("/", model.Resolutions)}; up to {model.MaxImages} images, {model.MaxVideos} videos, {model.MaxAudios} audio clips");
            if (model.OutputFormats is { Count: > 0 } formats)
            {
                text.Append(CultureInfo.InvariantCulture, $"; output_format {string.Join("/", formats)}");
            }

            text.Append(model.ProviderExtends ? "; the provider extends clips itself" : string.Empty);
            text.Append(CultureInfo.InvariantCulture, $" [limits: {model.LimitsSource}, {model.LimitsCheckedOn}{(model.LimitsReported ? ", reported" : string.Empty)}]");
            text.Append(model.Prices.Count == 0
                ? "; no published price"
                : "; " + string.Join(", ", model.Prices.Select(p => string.Create(CultureInfo.InvariantCulture,
                    $"{p.Resolution} ${p.UsdPerSecond:0.0000}/s{(p.UsdPerSecondWithVideo is { } v ? $" (${v:0.0000}/s with a reference video)" : string.Empty)}"))));
            if (model.Prices.Count > 0)
            {
                var sources = model.Prices.Select(p => $"{p.Source}, {p.CheckedOn}").Distinct().ToArray();
                text.Append(CultureInfo.InvariantCulture, $" [prices: {string.Join("; ", sources)}]");
            }

            text.Append('.');
        }

        if (report.Problem is { } problem)
        {
            text.Append(CultureInfo.InvariantCulture, $" The provider could not be read: {problem}.");
        }

        text.Append(" Next: ").Append(report.NextStep);
        return text.ToString();
    }
}
