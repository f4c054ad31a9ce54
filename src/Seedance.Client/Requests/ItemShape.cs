namespace Seedance.Client.Requests;

/// <summary>The shape of one item of a list of objects (<c>image_with_roles</c>, <c>tools</c>, a long video's shots): its fields and how an item is made.</summary>
public abstract class ItemShape
{
    /// <summary>The item's fields, in the order the schema shows them.</summary>
    public abstract IReadOnlyList<RequestField> Fields { get; }

    /// <summary>"an object with url and role", "an object with prompt and an optional duration": what one item must be, in words.</summary>
    public string Summary =>
        "an object with " + string.Join(" and ", Fields.Where(f => f.Required).Select(f => f.Name)
            .Concat(Fields.Where(f => !f.Required).Select(f => $"an optional {f.Name}")));

    /// <summary>An item with no field set, for a reader to fill through <see cref="RequestField.WithValue"/>.</summary>
    public abstract object NewItem();

    /// <summary>The typed list of <paramref name="items"/>, as the owner's property holds it.</summary>
    public abstract object ToList(IReadOnlyList<object> items);

    /// <summary>The items of a list held by the owner, or null when it holds none.</summary>
    public abstract IReadOnlyList<object?>? ItemsOf(object? list);
}
