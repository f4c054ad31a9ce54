namespace Seedance.Client.Callers;

/// <summary>
/// Who a call is made for: the one ambient caller identity every layer consults. A single-user host never sets one and
/// gets <see cref="Local"/> (the configured key, the unscoped journal); a multi-user host sets one per request with
/// <see cref="Use"/>, carrying the caller's owner id (a keyed hash, safe to store) and, when callers bring their own
/// provider key, that key for this caller's provider calls only. The key is held in memory for the calls of the request
/// (and the background work they start), never stored, logged or shown: <see cref="ToString"/> gives the owner id only.
/// </summary>
public sealed class SeedanceCaller
{
    private static readonly AsyncLocal<SeedanceCaller?> Ambient = new();

    private SeedanceCaller(string owner, string? apiKey)
    {
        Owner = owner;
        ApiKey = apiKey;
    }

    /// <summary>The single local user of a one-person host: no owner id, the configured key.</summary>
    public static SeedanceCaller Local { get; } = new(string.Empty, null);

    /// <summary>The caller of the code running now (flows into tasks it starts); <see cref="Local"/> when none was set.</summary>
    public static SeedanceCaller Current => Ambient.Value ?? Local;

    /// <summary>The owner id rows and files are kept under; empty for the local user.</summary>
    public string Owner { get; }

    /// <summary>True for the local user of a one-person host.</summary>
    public bool IsLocal => Owner.Length == 0;

    /// <summary>The caller's own provider key, or null to use the configured one. Internal: only the transport reads it.</summary>
    internal string? ApiKey { get; }

    /// <summary>A caller known by <paramref name="owner"/>, with its own provider key when it brought one.</summary>
    public static SeedanceCaller For(string owner, string? apiKey = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        if (owner.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
        {
            throw new ArgumentException("An owner id holds only ASCII letters, digits, '_' and '-' (it names a folder).", nameof(owner));
        }

        return new SeedanceCaller(owner, string.IsNullOrWhiteSpace(apiKey) ? null : apiKey.Trim());
    }

    /// <summary>Makes <paramref name="caller"/> the current caller until the returned scope is disposed.</summary>
    public static IDisposable Use(SeedanceCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var previous = Ambient.Value;
        Ambient.Value = caller;
        return new Scope(previous);
    }

    /// <summary>The owner id (never the key).</summary>
    public override string ToString() => IsLocal ? "(local user)" : Owner;

    private sealed class Scope(SeedanceCaller? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
