using System.Globalization;
using System.Data.Common;

namespace Seedance.Agents.Journal;

/// <summary>A row of the journal's tables read into its entry: <c>tasks</c> into <see cref="JournalEntry"/>, <c>sequences</c> into <see cref="SequenceEntry"/>.</summary>
internal static class JournalRows
{
    public static SequenceEntry Sequence(DbDataReader reader)
    {
        string? Text(string column) => reader[column] is string s ? s : null;
        long? Number(string column) => reader[column] is long n ? n : null;

        return new SequenceEntry
        {
            SequenceId = Text("sequence_id")!,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Number("created_at") ?? 0),
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Number("updated_at") ?? 0),
            PlanJson = Text("plan_json") ?? "[]",
            ShotCount = (int)(Number("shot_count") ?? 0),
            State = Enum.TryParse<SequenceState>(Text("state"), out var state) ? state : SequenceState.Running,
            FilmPath = Text("film_path"),
            FilmSeconds = reader["film_seconds"] is double seconds ? seconds : null,
            StitchMethod = Text("stitch_method"),
            StitchCommand = Text("stitch_command"),
            FailedShot = Number("failed_shot") is { } shot ? (int)shot : null,
            Problem = Text("problem"),
            EstimatedCost = decimal.TryParse(Text("estimated_cost"), NumberStyles.Float, CultureInfo.InvariantCulture, out var cost) ? cost : null,
            ReservedCost = decimal.TryParse(Text("reserved_cost"), NumberStyles.Float, CultureInfo.InvariantCulture, out var held) ? held : null,
        };
    }


    public static JournalEntry Task(DbDataReader reader)
    {
        string? Text(string column) => reader[column] is string s ? s : null;
        long? Number(string column) => reader[column] is long n ? n : null;

        return new JournalEntry
        {
            TaskId = Text("task_id")!,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Number("created_at") ?? 0),
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Number("updated_at") ?? 0),
            ParentTaskId = Text("parent_task_id"),
            RequestJson = Text("request_json") ?? "{}",
            Model = Text("model"),
            Prompt = Text("prompt"),
            State = Enum.TryParse<JournalState>(Text("state"), out var state) ? state : JournalState.Running,
            ProviderStatus = Text("provider_status"),
            Progress = Number("progress") is { } p ? (int)p : null,
            VideoUrl = Text("video_url"),
            ExpiresAt = Number("expires_at") is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null,
            LastFrameUrl = Text("last_frame_url"),
            Cost = decimal.TryParse(Text("cost"), NumberStyles.Float, CultureInfo.InvariantCulture, out var cost) ? cost : null,
            ErrorCode = Text("error_code"),
            ErrorMessage = Text("error_message"),
            LocalVideoPath = Text("local_video_path"),
            LocalLastFramePath = Text("local_last_frame_path"),
            IdempotencyKey = Text("idempotency_key"),
            EstimatedCost = decimal.TryParse(Text("estimated_cost"), NumberStyles.Float, CultureInfo.InvariantCulture, out var estimate) ? estimate : null,
            ReservedCost = decimal.TryParse(Text("reserved_cost"), NumberStyles.Float, CultureInfo.InvariantCulture, out var reserved) ? reserved : null,
            EstimateSource = Text("estimate_source"),
            EstimateBasis = Text("estimate_basis"),
            SequenceId = Text("sequence_id"),
            Shot = Number("shot") is { } shot ? (int)shot : null,
        };
    }
}
