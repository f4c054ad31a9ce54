using Npgsql;

namespace Seedance.Agents.Journal;

/// <summary>Reads <c>SEEDANCE_DATABASE_URL</c>: a <c>postgres://user:password@host:port/database?sslmode=…</c> URL, or Npgsql's own form.</summary>
internal static class PostgresUrl
{
    public static NpgsqlConnectionStringBuilder ToConnectionString(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        text = text.Trim();
        if (!text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new NpgsqlConnectionStringBuilder(text);
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new TaskJournalException("SEEDANCE_DATABASE_URL is not a usable URL: write it as postgres://user:password@host:5432/database.");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/')) is { Length: > 0 } database ? database : "postgres",
        };
        var user = uri.UserInfo.Split(':', 2);
        if (user[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(user[0]);
        }

        if (user.Length > 1)
        {
            builder.Password = Uri.UnescapeDataString(user[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(parts[0]);
            var value = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty;
            // A host given as a query (a Unix socket folder: ?host=/var/run/postgresql) replaces the URL's.
            builder[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = value;
        }

        return builder;
    }

    /// <summary>Where the database is, for people: never the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"postgres://{(string.IsNullOrEmpty(builder.Username) ? string.Empty : builder.Username + "@")}{builder.Host}:{builder.Port}/{builder.Database}";
}
