using Seedance.Client.Models;
using Seedance.Client.Requests;

namespace Seedance.Agents.Parameters;

/// <summary>
/// One row of a tool's parameter table. A request field's row is a projection of its catalogue row (<see cref="For"/>):
/// name, shape, rule, range, values, default and description come from <see cref="RequestFields"/>, and value rules are
/// the client validator's. Tool-only arguments (wait, dry_run, task_id…) are written here, and <see cref="EnforceRange"/>
/// makes the reader check their limits, since no validator sees them.
/// </summary>
internal sealed record ToolParameter
{
    /// <summary>The argument name, as the provider's body names it for request fields.</summary>
    public required string Name { get; init; }

    /// <summary>Its JSON shape.</summary>
    public required FieldShape Shape { get; init; }

    /// <summary>The rule id reported when the argument has the wrong type.</summary>
    public required string Rule { get; init; }

    /// <summary>The description for the model, without the default (which <see cref="Description"/> appends).</summary>
    public required Func<ModelCatalog, string> Describe { get; init; }

    /// <summary>The request field this argument sets, or null for a tool-only argument.</summary>
    public RequestField? Field { get; init; }

    /// <summary>The allowed values of a string argument, shown as a schema enum.</summary>
    public Func<ModelCatalog, IReadOnlyList<string>>? Values { get; init; }

    /// <summary>The smallest whole number allowed (schema <c>minimum</c>).</summary>
    public long? Minimum { get; init; }

    /// <summary>The largest whole number allowed (schema <c>maximum</c>).</summary>
    public long? Maximum { get; init; }

    /// <summary>The longest string allowed (schema <c>maxLength</c>); checked by the reader when <see cref="EnforceRange"/> is set.</summary>
    public int? MaxLength { get; init; }

    /// <summary>A regular expression a string must match (schema <c>pattern</c>); checked by the reader when <see cref="EnforceRange"/> is set.</summary>
    public string? Pattern { get; init; }

    /// <summary>What <see cref="Pattern"/> allows, in words.</summary>
    public string? PatternText { get; init; }

    /// <summary>True when the reader checks the limits itself (range, length, item count, an item's required fields): tool-only arguments.</summary>
    public bool EnforceRange { get; init; }

    /// <summary>True when the request field is a 32-bit integer, so a larger whole number is out of range before validation.</summary>
    public bool Int32 { get; init; }

    /// <summary>The most items of a list (schema <c>maxItems</c>).</summary>
    public int? MaxItems { get; init; }

    /// <summary>The fewest items of a list (schema <c>minItems</c>); checked by the reader when <see cref="EnforceRange"/> is set.</summary>
    public int? MinItems { get; init; }

    /// <summary>For a list of objects: each item's fields.</summary>
    public ItemShape? Items { get; init; }

    /// <summary>The value used (and sent) when the argument is left out: a string, number or bool; null when none.</summary>
    public object? Default { get; init; }

    /// <summary>Words for a default that is not a fixed value (extend_video's inherited settings); not in the schema.</summary>
    public string? DefaultInWords { get; init; }

    /// <summary>True when the argument must be given (and not blank).</summary>
    public bool Required { get; init; }

    /// <summary>What to give when a required argument is missing.</summary>
    public string? RequiredHint { get; init; }

    /// <summary>True when the value comes from an earlier request unless given (see <see cref="Inherited"/>).</summary>
    public bool IsInherited => DefaultInWords is not null;

    /// <summary>The row of a request field: every fact read from its catalogue row.</summary>
    public static ToolParameter For(RequestField field)
    {
        var range = field.Range?.Invoke(null);
        var list = field.Shape is FieldShape.StringList or FieldShape.ObjectList;
        return new()
        {
            Name = field.Name,
            Shape = field.Shape,
            Rule = field.Rule,
            Describe = field.Describe,
            Field = field,
            Values = field.Values is { } values ? c => values(c, null) : null,
            Minimum = list ? null : range?.Min,
            Maximum = list ? null : range?.Max,
            MaxItems = list ? (int?)range?.Max ?? field.SchemaMaxItems : null,
            Int32 = field.IsInt32,
            Items = field.Items,
            Default = field.Default,
        };
    }

    /// <summary>The description with its default, as the schema shows it.</summary>
    public string Description(ModelCatalog catalog)
    {
        var text = Describe(catalog);
        if (DefaultInWords is not null)
        {
            return $"{text} Default: {DefaultInWords}.";
        }

        return Default is null ? text : $"{text} Default {RequestField.Show(Default)}.";
    }

    /// <summary>This parameter as a setting inherited from another task: no fixed default, said in words instead.</summary>
    public ToolParameter Inherited(string words) => this with { Default = null, DefaultInWords = words };

    /// <summary>The "an integer from min to max" text of a ranged integer.</summary>
    public string RangeText => Minimum is { } min && Maximum is { } max ? new IntRange(min, max).Text : "an integer";
}
