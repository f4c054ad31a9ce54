using System.Diagnostics.CodeAnalysis;

namespace Seedance.Client.Requests;

/// <summary>
/// A catalogue row with typed access: <see cref="Get"/> reads the field from a <typeparamref name="TOwner"/> (the request, or
/// one item of a nested list) and <see cref="With"/> returns a copy with the field set.
/// </summary>
/// <typeparam name="TOwner">The record that holds the field.</typeparam>
/// <typeparam name="TValue">The field's type on that record.</typeparam>
public sealed record RequestField<TOwner, TValue> : RequestField
    where TOwner : class
{
    /// <summary>Creates a row; every fact is set by the initializer.</summary>
    public RequestField()
    {
    }

    [SetsRequiredMembers]
    private RequestField(RequestField facts, Func<TOwner, TValue> get, Func<TOwner, TValue, TOwner> with)
        : base(facts)
    {
        Get = get;
        With = with;
    }

    /// <summary>Reads the field.</summary>
    public required Func<TOwner, TValue> Get { get; init; }

    /// <summary>A copy of the owner with the field set.</summary>
    public required Func<TOwner, TValue, TOwner> With { get; init; }

    /// <inheritdoc />
    public override bool IsInt32 => typeof(TValue) == typeof(int) || typeof(TValue) == typeof(int?);

    /// <summary>
    /// The same facts (name, shape, rule, range, description…) on another record: how a tool-only shape reuses a request
    /// field (a shot's prompt and duration) without restating it. Change what differs with <c>with</c>.
    /// </summary>
    public RequestField<TOther, TOtherValue> On<TOther, TOtherValue>(Func<TOther, TOtherValue> get, Func<TOther, TOtherValue, TOther> with)
        where TOther : class => new(this, get, with);

    /// <inheritdoc />
    public override object? ValueOf(object owner) => Get((TOwner)owner);

    /// <inheritdoc />
    public override object WithValue(object owner, object? value) => With((TOwner)owner, Coerce(value));

    private TValue Coerce(object? value) => value switch
    {
        TValue typed => typed,
        long number when IsInt32 => (TValue)(object)checked((int)number),
        null => default!,
        _ => throw new ArgumentException($"{Name} cannot hold a {value.GetType().Name}.", nameof(value)),
    };
}
