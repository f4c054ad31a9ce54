using System.Globalization;
using Seedance.Client.Models;

namespace Seedance.Client.Requests;

/// <summary>
/// One row of the request catalogue (<see cref="RequestFields"/>): a field of the request body, or of one item of a nested
/// list, with everything the validator, the tools' schemas and readers, and the descriptions need to know about it, said
/// once. <see cref="RequestField{TOwner, TValue}"/> adds typed access to the record that holds the field.
/// </summary>
public abstract record RequestField
{
    /// <summary>The field's JSON name, as the provider's body names it.</summary>
    public required string Name { get; init; }

    /// <summary>The name of the C# property that holds the field (checked against the record by a structural test).</summary>
    public required string Property { get; init; }

    /// <summary>The field's JSON shape.</summary>
    public required FieldShape Shape { get; init; }

    /// <summary>The rule id (<see cref="Validation.RequestRules"/>) reported when the field breaks its rule.</summary>
    public required string Rule { get; init; }

    /// <summary>The rule as the design states it, for <see cref="Validation.RequestRules.All"/>; null when another row states it.</summary>
    public string? RuleText { get; init; }

    /// <summary>The description for the model, without the default (which <see cref="Description"/> appends).</summary>
    public required Func<ModelCatalog, string> Describe { get; init; }

    /// <summary>
    /// The allowed values of a string field for a model (null: across models, as the schema shows them). A value outside the
    /// list for null is unknown; the list for the request's model is what a violation says is allowed.
    /// </summary>
    public Func<ModelCatalog, ModelInfo?, IReadOnlyList<string>>? Values { get; init; }

    /// <summary>
    /// For an integer, the allowed values; for a list, how many items it may hold. Bounds that may depend on the model are
    /// read through <see cref="ModelLimits"/>; null is the view across models that the schema shows.
    /// </summary>
    public Func<ModelInfo?, IntRange>? Range { get; init; }

    /// <summary>
    /// For a number whose allowed values are not one range (duration: 4 to 30, or -1 where the model chooses): whether the
    /// model takes the value; null when <see cref="Range"/> alone decides.
    /// </summary>
    public Func<ModelInfo?, long, bool>? Accepts { get; init; }

    /// <summary>What a refused number should have been, for the model (null: the range in words with its <see cref="Unit"/>).</summary>
    public Func<ModelInfo?, string>? AllowedText { get; init; }

    /// <summary>
    /// True when each model offers its own values (output_format): a value is refused unless the request's model offers
    /// it, and a model that offers none takes no value. False: a value is refused only when no model knows it.
    /// </summary>
    public bool ValuesPerModel { get; init; }

    /// <summary>For a list the provider sets no count for: the most items the schema shows, which nothing enforces.</summary>
    public int? SchemaMaxItems { get; init; }

    /// <summary>What a number or an item counts, in a violation: "seconds" for duration, "images" for image_urls.</summary>
    public string? Unit { get; init; }

    /// <summary>What the field is, in a violation: "unknown aspect ratio", "too many reference videos", "the image URL is missing".</summary>
    public string? Noun { get; init; }

    /// <summary>The value sent when the field is left out (a string, number or bool), shown as the schema's default; null when none.</summary>
    public object? Default { get; init; }

    /// <summary>True when the field must hold a value: a field of a nested item the schema lists as required, or a top-level field that is always sent.</summary>
    public bool Required { get; init; }

    /// <summary>The message when a <see cref="Required"/> field is missing, where "unknown …" or "the … is missing" does not fit.</summary>
    public string? Missing { get; init; }

    /// <summary>What to give, for a missing required field that has no list of values and is no media URL.</summary>
    public string? Hint { get; init; }

    /// <summary>True when the value (or each item of a list) is a media reference: <c>http(s)://</c> or <c>asset://</c> (R16).</summary>
    public bool IsMediaUrl { get; init; }

    /// <summary>For <see cref="FieldShape.ObjectList"/>: the fields of one item and how an item is made.</summary>
    public ItemShape? Items { get; init; }

    /// <summary>True when the field holds a 32-bit integer, so a larger whole number is out of range before validation.</summary>
    public abstract bool IsInt32 { get; }

    /// <summary>The field's value in <paramref name="owner"/> (the request, or one item).</summary>
    public abstract object? ValueOf(object owner);

    /// <summary><paramref name="owner"/> with the field set to <paramref name="value"/>, a value as a reader gives it (a long for any integer).</summary>
    public abstract object WithValue(object owner, object? value);

    /// <summary>The description with its default, as the schema shows it.</summary>
    public string Description(ModelCatalog catalog)
    {
        var text = Describe(catalog);
        return Default is null ? text : $"{text} Default {Show(Default)}.";
    }

    /// <summary>A default or value as the schema and the texts write it.</summary>
    public static string Show(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
