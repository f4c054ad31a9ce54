namespace Seedance.Client.Models;

/// <summary>
/// The catalogue in force now: the shipped one (plus configuration) until the provider's own model list, schemas and prices
/// have been read, then the merge of both, where the provider wins. Thread-safe: readers see one whole catalogue or the next.
/// </summary>
public sealed class LiveModelCatalog
{
    private ModelCatalog _current;

    /// <summary>Starts with <paramref name="initial"/> (the shipped catalogue plus configuration).</summary>
    public LiveModelCatalog(ModelCatalog initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        Initial = initial;
        _current = initial;
    }

    /// <summary>The catalogue before anything was read from the provider.</summary>
    public ModelCatalog Initial { get; }

    /// <summary>The catalogue in force.</summary>
    public ModelCatalog Current => Volatile.Read(ref _current);

    /// <summary>When the provider's facts in force were read; null while only the shipped data is in force.</summary>
    public DateTimeOffset? ProviderReadAt { get; private set; }

    /// <summary>Puts <paramref name="catalog"/> in force, read from the provider at <paramref name="readAt"/>.</summary>
    public void Replace(ModelCatalog catalog, DateTimeOffset readAt)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Volatile.Write(ref _current, catalog);
        ProviderReadAt = readAt;
    }
}
