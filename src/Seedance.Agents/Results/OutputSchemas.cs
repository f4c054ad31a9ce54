using System.Text.Json;

namespace Seedance.Agents.Results;

/// <summary>
/// The output schemas of the tools, made from the result records when the code is built (the constants of
/// <see cref="OutputSchemaTexts"/>, written and checked against System.Text.Json's schema exporter by the Agents
/// tests), so nothing is generated at start. Each admits the <see cref="ToolError"/> of a failed call; a property is
/// required exactly when its type cannot be null, and no property's type admits null.
/// </summary>
internal static class OutputSchemas
{
    /// <summary>What check_task answers: a <see cref="Results.TaskReport"/>, a <see cref="SequenceReport"/>, or the <see cref="ToolError"/> of a failed call.</summary>
    public static JsonElement TaskReport { get; } = Parse(OutputSchemaTexts.TaskReport);

    /// <summary>What generate_long_video answers: a <see cref="SequenceReport"/>, a <see cref="SequencePreview"/>, or the <see cref="ToolError"/> of a failed call.</summary>
    public static JsonElement LongVideo { get; } = Parse(OutputSchemaTexts.LongVideo);

    /// <summary>What stop_long_video answers: a <see cref="SequenceReport"/>, or the <see cref="ToolError"/> of a failed call.</summary>
    public static JsonElement Sequence { get; } = Parse(OutputSchemaTexts.Sequence);

    /// <summary>What generate_video and extend_video answer: a <see cref="Results.TaskReport"/>, a <see cref="DryRunReport"/>, or the <see cref="ToolError"/> of a failed call.</summary>
    public static JsonElement PaidCall { get; } = Parse(OutputSchemaTexts.PaidCall);

    /// <summary>A <see cref="ModelListReport"/>, or the <see cref="ToolError"/> of a failed call.</summary>
    public static JsonElement ModelList { get; } = Parse(OutputSchemaTexts.ModelList);

    /// <summary>A <see cref="BalanceReport"/>, or the <see cref="ToolError"/> of a failed call.</summary>
    public static JsonElement Balance { get; } = Parse(OutputSchemaTexts.Balance);

    /// <summary>A <see cref="TaskListReport"/>, or the <see cref="ToolError"/> of a failed call.</summary>
    public static JsonElement TaskList { get; } = Parse(OutputSchemaTexts.TaskList);

    private static JsonElement Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        return JsonElement.ParseValue(ref reader);
    }
}
