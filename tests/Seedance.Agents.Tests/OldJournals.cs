namespace Seedance.Agents.Tests;

/// <summary>Journals as older versions wrote them, with one finished task (<c>task_old</c>), to test that they are upgraded in place.</summary>
internal static class OldJournals
{
    /// <summary>Writes a journal of schema 1 (no estimate columns) or 2 (with them), and returns its path.</summary>
    public static string Write(int schema)
    {
        var path = Path.Combine(Path.GetTempPath(), $"seedance-journal-v{schema}", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var estimates = schema >= 2 ? ", estimated_cost TEXT, estimate_source TEXT, estimate_basis TEXT" : string.Empty;
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            CREATE TABLE tasks (task_id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, parent_task_id TEXT,
              request_json TEXT NOT NULL, model TEXT, prompt TEXT, state TEXT NOT NULL, provider_status TEXT, progress INTEGER, video_url TEXT,
              expires_at INTEGER, last_frame_url TEXT, cost TEXT, error_code TEXT, error_message TEXT, local_video_path TEXT,
              local_last_frame_path TEXT, idempotency_key TEXT{estimates});
            INSERT INTO tasks (task_id, created_at, updated_at, request_json, state) VALUES ('task_old', 1, 1, '{"{}"}', 'Succeeded');
            PRAGMA user_version = {schema};
            """;
        command.ExecuteNonQuery();
        return path;
    }
}
