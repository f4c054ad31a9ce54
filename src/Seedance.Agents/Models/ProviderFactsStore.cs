using Seedance.Agents.Journal;
using Seedance.Client.Models;

namespace Seedance.Agents.Models;

/// <summary>
/// The provider's model facts as last read (model list, schemas, prices), raw and dated, in the journal (the
/// <c>provider_facts</c> table, in SQLite or PostgreSQL, through <see cref="JournalDatabase"/>'s helpers): a restart (or
/// another server process sharing the journal) uses them without asking the provider again the same day. The facts are
/// the provider's, the same for every caller, so these statements are not scoped by owner.
/// </summary>
internal sealed class ProviderFactsStore
{
    private const string ListName = "models";
    private const string SchemaPrefix = "schema:";
    private const string PricingPrefix = "pricing:";

    private readonly JournalDatabase _database;

    public ProviderFactsStore(JournalDatabase database)
    {
        _database = database;
    }

    /// <summary>The last snapshot saved, or null when there is none.</summary>
    public async Task<ProviderSnapshot?> LoadAsync(CancellationToken cancellationToken)
    {
        var rows = await _database.ReadRowsAsync("SELECT name, body, read_at FROM provider_facts",
            r => (Name: r.GetString(0), Body: r.GetString(1), ReadAt: r.GetInt64(2)), 64, [], cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        return new ProviderSnapshot
        {
            ReadAt = DateTimeOffset.FromUnixTimeMilliseconds(rows.Min(r => r.ReadAt)),
            ModelList = rows.FirstOrDefault(r => r.Name == ListName).Body,
            Schemas = rows.Where(r => r.Name.StartsWith(SchemaPrefix, StringComparison.Ordinal))
                .ToDictionary(r => r.Name[SchemaPrefix.Length..], r => r.Body, StringComparer.Ordinal),
            Prices = rows.Where(r => r.Name.StartsWith(PricingPrefix, StringComparison.Ordinal))
                .ToDictionary(r => r.Name[PricingPrefix.Length..], r => r.Body, StringComparer.Ordinal),
        };
    }

    /// <summary>Replaces what is saved with <paramref name="snapshot"/>, in one transaction.</summary>
    public Task SaveAsync(ProviderSnapshot snapshot, CancellationToken cancellationToken)
    {
        var rows = new List<(string Name, string Body)>();
        if (snapshot.ModelList is { } list)
        {
            rows.Add((ListName, list));
        }

        rows.AddRange(snapshot.Schemas.Select(s => (SchemaPrefix + s.Key, s.Value)));
        rows.AddRange(snapshot.Prices.Select(p => (PricingPrefix + p.Key, p.Value)));
        var readAt = snapshot.ReadAt.ToUnixTimeMilliseconds();
        List<(string, (string, object?)[])> statements = [("DELETE FROM provider_facts", [])];
        statements.AddRange(rows.Select(r => ("INSERT INTO provider_facts (name, body, read_at) VALUES ($name, $body, $at)",
            new (string, object?)[] { ("$name", r.Name), ("$body", r.Body), ("$at", readAt) })));
        return _database.ExecuteAllAsync(statements, cancellationToken);
    }
}
