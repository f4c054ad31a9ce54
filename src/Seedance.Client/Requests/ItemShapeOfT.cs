namespace Seedance.Client.Requests;

/// <summary>The shape of one <typeparamref name="TItem"/> of a list field.</summary>
/// <typeparam name="TItem">The record of one item.</typeparam>
public sealed class ItemShape<TItem> : ItemShape
    where TItem : class
{
    private readonly Func<TItem> _create;

    /// <summary>Creates the shape from an empty item's factory and the item's fields.</summary>
    public ItemShape(Func<TItem> create, IReadOnlyList<RequestField> fields)
    {
        _create = create;
        Fields = fields;
    }

    /// <inheritdoc />
    public override IReadOnlyList<RequestField> Fields { get; }

    /// <inheritdoc />
    public override object NewItem() => _create();

    /// <inheritdoc />
    public override object ToList(IReadOnlyList<object> items) => items.Cast<TItem>().ToArray();

    /// <inheritdoc />
    public override IReadOnlyList<object?>? ItemsOf(object? list) => list is IReadOnlyList<TItem?> items ? items.Cast<object?>().ToArray() : null;
}
