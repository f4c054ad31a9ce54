using System.Globalization;
using Seedance.Client.Models;
using Seedance.Client.Requests;

namespace Seedance.Client.Validation;

/// <summary>
/// The single-field rules, read from the catalogue rows (<see cref="RequestFields"/>): a required value, a value from a
/// list, a number in its range, how many items a list holds, each item's own fields, and the form of every media URL.
/// </summary>
internal static class FieldRules
{
    public const string HttpAllowed = "an http:// or https:// URL, or asset://<id>";

    /// <summary>Adds to <paramref name="errors"/> every single-field rule <paramref name="field"/> of <paramref name="owner"/> breaks.</summary>
    public static void Check(RequestField field, object owner, string path, ModelInfo? model, ModelCatalog catalog, List<Violation> errors)
    {
        var value = field.ValueOf(owner);
        switch (field.Shape)
        {
            case FieldShape.Text:
                CheckText(field, value as string, path, model, catalog, errors);
                break;
            case FieldShape.WholeNumber when value is not null:
                var number = value is int small ? small : (long)value;
                var range = field.Range!(model);
                if (!(field.Accepts?.Invoke(model, number) ?? range.Contains(number)))
                {
                    errors.Add(new(field.Rule, path, number.ToString(CultureInfo.InvariantCulture),
                        field.AllowedText?.Invoke(model) ?? (field.Unit is null ? range.Text : $"{range.Text} ({field.Unit})"),
                        $"{field.Name} is out of range"));
                }

                break;
            case FieldShape.StringList when value is IReadOnlyList<string?> urls:
                CheckCount(field, urls.Count, path, model, errors);
                for (var i = 0; i < urls.Count && field.IsMediaUrl; i++)
                {
                    CheckUrl(field.Rule, $"{path}[{i}]", urls[i], model, errors);
                }

                break;
            case FieldShape.ObjectList when field.Items!.ItemsOf(value) is { } items:
                CheckCount(field, items.Count, path, model, errors);
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is not { } item)
                    {
                        errors.Add(new(field.Rule, $"{path}[{i}]", null, field.Items.Summary, "the item is empty"));
                        continue;
                    }

                    foreach (var itemField in field.Items.Fields)
                    {
                        Check(itemField, item, $"{path}[{i}].{itemField.Name}", model, catalog, errors);
                    }
                }

                break;
        }
    }

    /// <summary>What a field accepts, in words: its values, a media URL, or its hint.</summary>
    public static string Allowed(RequestField field, ModelCatalog catalog, ModelInfo? model) =>
        field.Values is { } values ? string.Join(", ", values(catalog, model))
        : field.IsMediaUrl ? HttpAllowed
        : field.Hint ?? "a value";

    /// <summary>R16: the form of one media reference, and whether the model takes <c>asset://</c>.</summary>
    public static void CheckUrl(string rule, string path, string? url, ModelInfo? model, List<Violation> errors)
    {
        switch (MediaUrl.Classify(url))
        {
            case MediaUrlKind.Http:
                return;
            case MediaUrlKind.Asset:
                if (model is { SupportsAssetUrls: false })
                {
                    errors.Add(new(RequestRules.MediaUrls, path, url, $"an http:// or https:// URL on {model.Name}",
                        $"asset:// URLs do not work on {model.Name}"));
                }

                return;
            default:
                errors.Add(new(RequestRules.MediaUrls, path, url, HttpAllowed, "not a usable media URL"));
                return;
        }
    }

    private static void CheckText(RequestField field, string? text, string path, ModelInfo? model, ModelCatalog catalog, List<Violation> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (field.Required)
            {
                errors.Add(new(field.Rule, path, text, Allowed(field, catalog, model),
                    field.Missing ?? (field.Values is not null ? $"unknown {field.Noun}" : $"the {field.Noun} is missing")));
            }

            return;
        }

        if (field.Values is { } values && field.ValuesPerModel && model is not null && !values(catalog, model).Contains(text, StringComparer.Ordinal))
        {
            // R17, R18: a field only some models have, each with its own values.
            var offered = values(catalog, model);
            errors.Add(offered.Count > 0
                ? new(field.Rule, path, text, $"{string.Join(", ", offered)} on {model.Name}", $"unknown {field.Noun}")
                : new(field.Rule, path, text, $"nothing: {model.Name} has no {field.Name} (leave it out)", $"{model.Name} does not take {field.Name}"));
        }
        else if (field.Values is { } known && !known(catalog, null).Contains(text, StringComparer.Ordinal))
        {
            errors.Add(new(field.Rule, path, text, Allowed(field, catalog, model), $"unknown {field.Noun}"));
        }
        else if (field.IsMediaUrl)
        {
            CheckUrl(field.Rule, path, text, model, errors);
        }
    }

    private static void CheckCount(RequestField field, int count, string path, ModelInfo? model, List<Violation> errors)
    {
        if (field.Range?.Invoke(model) is { } range && count > range.Max)
        {
            errors.Add(new(field.Rule, path, $"{count} {field.Unit}", $"at most {range.Max} {field.Unit}{(model is null ? string.Empty : $" on {model.Name}")}",
                $"too many {field.Noun}"));
        }
    }
}
