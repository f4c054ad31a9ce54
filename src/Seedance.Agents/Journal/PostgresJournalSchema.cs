using Npgsql;

namespace Seedance.Agents.Journal;

/// <summary>
/// The journal's tables in PostgreSQL (the same columns as <see cref="JournalSchema"/>'s, integers as <c>bigint</c>, plus a
/// <c>seq</c> that orders rows created in the same millisecond), made or upgraded at start under a session advisory lock:
/// two instances starting at once take turns, and the second finds the work done. A database written by a newer schema is
/// refused.
/// </summary>
internal static class PostgresJournalSchema
{
    /// <summary>The version written by this build (the SQLite journal's numbering).</summary>
    public const int SchemaVersion = 5;

    // Any constant both instances agree on: the lock that serializes migrations.
    private const long MigrationLock = 0x5EEDA7CE_0001;

    public static void Apply(NpgsqlConnection connection, string location)
    {
        Run(connection, $"SELECT pg_advisory_lock({MigrationLock})");
        try
        {
            Run(connection, """
                CREATE TABLE IF NOT EXISTS journal_meta (name text PRIMARY KEY, value bigint NOT NULL);
                CREATE TABLE IF NOT EXISTS tasks (
                    task_id text PRIMARY KEY,
                    seq bigserial,
                    owner text NOT NULL DEFAULT '',
                    created_at bigint NOT NULL,
                    updated_at bigint NOT NULL,
                    parent_task_id text,
                    request_json text NOT NULL,
                    model text,
                    prompt text,
                    state text NOT NULL,
                    provider_status text,
                    progress bigint,
                    video_url text,
                    expires_at bigint,
                    last_frame_url text,
                    cost text,
                    error_code text,
                    error_message text,
                    local_video_path text,
                    local_last_frame_path text,
                    idempotency_key text,
                    estimated_cost text,
                    estimate_source text,
                    estimate_basis text,
                    sequence_id text,
                    shot bigint,
                    reserved_cost text
                );
                CREATE INDEX IF NOT EXISTS tasks_by_owner ON tasks (owner, created_at DESC);
                CREATE UNIQUE INDEX IF NOT EXISTS tasks_by_shot ON tasks (sequence_id, shot) WHERE sequence_id IS NOT NULL;
                CREATE TABLE IF NOT EXISTS sequences (
                    sequence_id text PRIMARY KEY,
                    seq bigserial,
                    owner text NOT NULL DEFAULT '',
                    created_at bigint NOT NULL,
                    updated_at bigint NOT NULL,
                    plan_json text NOT NULL,
                    shot_count bigint NOT NULL,
                    state text NOT NULL,
                    film_path text,
                    film_seconds double precision,
                    stitch_method text,
                    stitch_command text,
                    failed_shot bigint,
                    problem text,
                    estimated_cost text,
                    reserved_cost text
                );
                CREATE INDEX IF NOT EXISTS sequences_by_owner ON sequences (owner, created_at DESC);
                CREATE TABLE IF NOT EXISTS leases (name text PRIMARY KEY, holder text NOT NULL, until bigint NOT NULL);
                CREATE TABLE IF NOT EXISTS quotes (
                    quote_id text PRIMARY KEY,
                    owner text NOT NULL DEFAULT '',
                    binding text NOT NULL,
                    tool text NOT NULL,
                    created_at bigint NOT NULL,
                    expires_at bigint NOT NULL,
                    used_at bigint
                );
                CREATE TABLE IF NOT EXISTS provider_facts (
                    name text PRIMARY KEY,
                    body text NOT NULL,
                    read_at bigint NOT NULL
                );
                CREATE TABLE IF NOT EXISTS request_counts (
                    owner text NOT NULL,
                    minute bigint NOT NULL,
                    requests bigint NOT NULL,
                    PRIMARY KEY (owner, minute)
                );
                """);

            using (var read = new NpgsqlCommand("SELECT value FROM journal_meta WHERE name = 'schema'", connection))
            {
                if (read.ExecuteScalar() is long version && version > SchemaVersion)
                {
                    throw new TaskJournalException(
                        $"The journal database at {location} was written by a newer version (schema {version}). Update Seedance.Agents or point SEEDANCE_DATABASE_URL at another database.");
                }
            }

            // Later columns are added here with ADD COLUMN IF NOT EXISTS, before the version is raised.
            Run(connection, $"""
                INSERT INTO journal_meta (name, value) VALUES ('schema', {SchemaVersion})
                ON CONFLICT (name) DO UPDATE SET value = GREATEST(journal_meta.value, EXCLUDED.value)
                """);
        }
        finally
        {
            Run(connection, $"SELECT pg_advisory_unlock({MigrationLock})");
        }
    }

    private static void Run(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
