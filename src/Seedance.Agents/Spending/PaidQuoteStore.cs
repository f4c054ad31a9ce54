using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Seedance.Agents.Journal;

namespace Seedance.Agents.Spending;

/// <summary>
/// Price quotes a user confirms outside the call, for clients that cannot be asked inside it: each is bound to the exact
/// request (the tool, the parent task and the hash of the bodies as they would be sent), used once, and valid for
/// <see cref="Lifetime"/>. They live in the journal's file, so a quote given by one server process is honoured by another
/// sharing the journal, and using one is a single conditional update (two calls cannot both use it).
/// </summary>
internal sealed class PaidQuoteStore
{
    /// <summary>How long a quote may be confirmed after it was given.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private const string Prefix = "quote_";

    private readonly JournalDatabase _database;
    private readonly TimeProvider _time;

    public PaidQuoteStore(JournalDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    /// <summary>What a quote is bound to: the tool, the parent task and each body exactly as it would be sent, hashed.</summary>
    public static string Bind(string tool, string? parentTaskId, IEnumerable<string> bodies)
    {
        var text = new StringBuilder().Append(tool).Append('\n').Append(parentTaskId).Append('\n');
        foreach (var body in bodies)
        {
            text.Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(body).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Records a new quote for <paramref name="binding"/> and returns its id and expiry.</summary>
    public async Task<(string Id, DateTimeOffset ExpiresAt)> IssueAsync(string tool, string binding, CancellationToken cancellationToken)
    {
        var id = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var now = _time.GetUtcNow();
        var expires = now + Lifetime;
        await ExecuteAsync("""
            INSERT INTO quotes (quote_id, binding, tool, created_at, expires_at, owner) VALUES ($id, $binding, $tool, $now, $expires, $owner);
            DELETE FROM quotes WHERE expires_at < $old;
            """, cancellationToken, ("$id", id), ("$binding", binding), ("$tool", tool), ("$now", now.ToUnixTimeMilliseconds()),
            ("$expires", expires.ToUnixTimeMilliseconds()), ("$old", (now - TimeSpan.FromDays(1)).ToUnixTimeMilliseconds()));
        return (id, expires);
    }

    /// <summary>Uses quote <paramref name="quoteId"/> for <paramref name="binding"/>: null when it was valid (it is used up now), otherwise why not.</summary>
    public async Task<string?> RedeemAsync(string quoteId, string tool, string binding, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var used = await ExecuteAsync("""
            UPDATE quotes SET used_at = $now
            WHERE quote_id = $id AND owner = $owner AND used_at IS NULL AND expires_at > $now AND tool = $tool AND binding = $binding
            """, cancellationToken, ("$id", quoteId), ("$now", now), ("$tool", tool), ("$binding", binding));
        if (used == 1)
        {
            return null;
        }

        try
        {
            await using var connection = await _database.OpenReadyAsync(cancellationToken);
            await using var command = _database.Command(connection, null, "SELECT tool, binding, expires_at, used_at FROM quotes WHERE quote_id = $id AND owner = $owner",
                [("$id", quoteId)]);
            await using var row = await command.ExecuteReaderAsync(cancellationToken);
            if (!await row.ReadAsync(cancellationToken))
            {
                return "no such quote is known here";
            }

            if (!row.IsDBNull(3))
            {
                return "it was already used for a call";
            }

            if (row.GetInt64(2) <= now)
            {
                return $"it expired (a quote is valid for {Lifetime.TotalMinutes:0} minutes)";
            }

            return row.GetString(0) != tool
                ? $"it was given for {row.GetString(0)}, not {tool}"
                : "it was given for a different request (the arguments changed since)";
        }
        catch (Exception ex) when (ex is not OperationCanceledException && _database.Explain(ex) is TaskJournalException explained)
        {
            throw explained;
        }
    }

    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        _database.ExecuteAsync(sql, cancellationToken, parameters);
}
