using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Seedance.Agents.Journal;

/// <summary>
/// The journal file's tables (tasks, sequences, quotes, the provider's model facts) and how an older file is brought up to them: created when missing,
/// columns added in place, a file written by a newer build refused. Run once per <see cref="JournalDatabase"/>, under its lock.
/// </summary>
internal static class JournalSchema
{
    // 4: a sequence may be Stopping or Stopped. An older build would read those as Running and send the stopped shots, so it
    // must refuse a journal this build has opened (it refuses any newer schema).
    // 5: rows have an owner (multi-user hosting). An older build would show every owner's rows to anyone, so it must refuse.
    private const int SchemaVersion = 5;

    // Columns added after schema 1, each added in place to an older journal: the estimate (2), the sequence a shot belongs to (3).
    private static readonly (string Name, string Type)[] AddedColumns =
        [("estimated_cost", "TEXT"), ("estimate_source", "TEXT"), ("estimate_basis", "TEXT"), ("sequence_id", "TEXT"), ("shot", "INTEGER"),
         ("reserved_cost", "TEXT"), ("owner", "TEXT NOT NULL DEFAULT ''")];

    // Columns added to the sequences table after it was made: what a film holds against the budget.
    private static readonly (string Name, string Type)[] AddedSequenceColumns = [("reserved_cost", "TEXT"), ("owner", "TEXT NOT NULL DEFAULT ''")];

    // Columns added to the quotes table after it was made: whose quote it is.
    private static readonly (string Name, string Type)[] AddedQuoteColumns = [("owner", "TEXT NOT NULL DEFAULT ''")];

    /// <summary>Creates or upgrades the tables through <paramref name="command"/>; throws when the file is from a newer schema.</summary>
    public static void Apply(SqliteCommand command, string path)
    {
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS tasks (
                task_id TEXT PRIMARY KEY,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                parent_task_id TEXT,
                request_json TEXT NOT NULL,
                model TEXT,
                prompt TEXT,
                state TEXT NOT NULL,
                provider_status TEXT,
                progress INTEGER,
                video_url TEXT,
                expires_at INTEGER,
                last_frame_url TEXT,
                cost TEXT,
                error_code TEXT,
                error_message TEXT,
                local_video_path TEXT,
                local_last_frame_path TEXT,
                idempotency_key TEXT,
                estimated_cost TEXT,
                estimate_source TEXT,
                estimate_basis TEXT,
                sequence_id TEXT,
                shot INTEGER,
                reserved_cost TEXT,
                owner TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX IF NOT EXISTS tasks_by_time ON tasks (created_at DESC);
            CREATE TABLE IF NOT EXISTS sequences (
                sequence_id TEXT PRIMARY KEY,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                plan_json TEXT NOT NULL,
                shot_count INTEGER NOT NULL,
                state TEXT NOT NULL,
                film_path TEXT,
                film_seconds REAL,
                stitch_method TEXT,
                stitch_command TEXT,
                failed_shot INTEGER,
                problem TEXT,
                estimated_cost TEXT,
                reserved_cost TEXT,
                owner TEXT NOT NULL DEFAULT ''
            );
            CREATE TABLE IF NOT EXISTS leases (
                name TEXT PRIMARY KEY,
                holder TEXT NOT NULL,
                until INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS quotes (
                quote_id TEXT PRIMARY KEY,
                binding TEXT NOT NULL,
                tool TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                used_at INTEGER,
                owner TEXT NOT NULL DEFAULT ''
            );
            CREATE TABLE IF NOT EXISTS provider_facts (
                name TEXT PRIMARY KEY,
                body TEXT NOT NULL,
                read_at INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS request_counts (
                owner TEXT NOT NULL,
                minute INTEGER NOT NULL,
                requests INTEGER NOT NULL,
                PRIMARY KEY (owner, minute)
            );
            """;
        command.ExecuteNonQuery();

        command.CommandText = "PRAGMA user_version";
        var version = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
        {
            throw new TaskJournalException(
                $"The task journal at {path} was written by a newer version (schema {version}). Update Seedance.Agents or set SEEDANCE_JOURNAL to another file.");
        }

        AddColumns(command);

        // One row per shot of a sequence, whoever writes it: a second submit of the same shot (another process resuming the
        // same chain) fails here, before its request leaves.
        command.CommandText = "CREATE UNIQUE INDEX IF NOT EXISTS tasks_by_shot ON tasks (sequence_id, shot) WHERE sequence_id IS NOT NULL";
        command.ExecuteNonQuery();
        command.CommandText = "CREATE INDEX IF NOT EXISTS tasks_by_owner ON tasks (owner, created_at DESC)";
        command.ExecuteNonQuery();
        command.CommandText = $"PRAGMA user_version = {SchemaVersion}";
        command.ExecuteNonQuery();
    }

    // Journals written by older schemas lack the later columns: add them in place (nothing else changes).
    private static void AddColumns(SqliteCommand command)
    {
        AddColumns(command, "tasks", AddedColumns);
        AddColumns(command, "sequences", AddedSequenceColumns);
        AddColumns(command, "quotes", AddedQuoteColumns);
    }

    private static void AddColumns(SqliteCommand command, string table, (string Name, string Type)[] added)
    {
        command.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                columns.Add(reader.GetString(0));
            }
        }

        foreach (var (name, type) in added.Where(c => !columns.Contains(c.Name)))
        {
            command.CommandText = $"ALTER TABLE {table} ADD COLUMN {name} {type}";
            try
            {
                command.ExecuteNonQuery();
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 1 && ex.Message.Contains("duplicate column", StringComparison.OrdinalIgnoreCase))
            {
                // Another process sharing the journal added it first.
            }
        }
    }
}
