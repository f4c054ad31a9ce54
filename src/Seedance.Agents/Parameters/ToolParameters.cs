using Seedance.Client.Validation;
using Seedance.Client.Models;
using Seedance.Client.Requests;

namespace Seedance.Agents.Parameters;

/// <summary>
/// The parameter table of every tool. A request field is described here once; <c>extend_video</c> is a projection of
/// <c>generate_video</c>'s table in which the settings it inherits from the previous clip lose their fixed default.
/// </summary>
internal static class ToolParameters
{
    /// <summary>The rule id of argument problems that belong to no request rule (unknown names, tool-only arguments).</summary>
    public const string ArgumentRule = "args";

    /// <summary>The rule id of the tool-only <c>wait</c> argument.</summary>
    public const string WaitRule = "wait";

    /// <summary>The longest a single tool call may wait for a video (MCP clients cut calls at about 60 s).</summary>
    public const int MaxWaitSeconds = SeedanceAgentOptions.MaxWaitSeconds;

    private const string InheritedWords = "the previous clip's value";

    public static ToolParameter Wait { get; } = new()
    {
        Name = "wait",
        Shape = FieldShape.WholeNumber,
        Rule = WaitRule,
        Minimum = 0,
        Maximum = MaxWaitSeconds,
        EnforceRange = true,
        Default = 0L,
        Describe = _ => $"Seconds to wait for the video before returning, 0 to {MaxWaitSeconds}. Returns as soon as the task ends.",
    };

    /// <summary>The tool-only <c>dry_run</c> argument of the paid tools.</summary>
    public static ToolParameter DryRun { get; } = new()
    {
        Name = "dry_run",
        Shape = FieldShape.Boolean,
        Rule = ArgumentRule,
        Default = false,
        Describe = _ => "true to check and price the request without sending it: returns estimated_cost_usd and the exact body that would be "
            + "sent. Nothing is sent, charged or recorded as a task. It takes the same arguments as a real call (so a prompt when there is no "
            + "image or video); the price depends only on model, duration and resolution.",
    };

    /// <summary>The tool-only <c>confirm_quote</c> argument of the paid tools: the user's yes to a price, given outside the call.</summary>
    public static ToolParameter ConfirmQuote { get; } = new()
    {
        Name = "confirm_quote",
        Shape = FieldShape.Text,
        Rule = ArgumentRule,
        MaxLength = 64,
        Describe = _ => "Only after an error of kind confirmation_required: first show the user the quoted price and ask them; only if they "
            + "agree, repeat the call with exactly the same arguments plus confirm_quote set to the quote_id it gave. The quote fits only "
            + "that request, works once and expires after 10 minutes. Never set it without the user's yes.",
    };

    /// <summary>generate_video: the provider's body fields, one row each from the request catalogue, plus the tool-only arguments.</summary>
    public static ParameterTable Generate { get; } = new(
    [
        .. RequestFields.All.Select(ToolParameter.For),
        Wait,
        DryRun,
        ConfirmQuote,
    ]);

    /// <summary>check_task's task (or film) id.</summary>
    public static ToolParameter CheckTaskId { get; } = TaskId("The task_id returned by generate_video or extend_video (it starts with task_), "
        + "or the sequence_id returned by generate_long_video (it starts with seq_) for every shot and the film. list_tasks shows recent ones.");

    /// <summary>extend_video's clip (or film) to continue.</summary>
    public static ToolParameter ExtendTaskId { get; } = TaskId("The task_id of the finished clip to continue (it must have succeeded with a last "
        + "frame), or the sequence_id (seq_…) of a finished long video: the new clip continues its last shot and the film is stitched again with it.");

    /// <summary>check_task: a task id and how long to wait.</summary>
    public static ParameterTable Check { get; } = new([CheckTaskId, Wait]);

    /// <summary>extend_video: the previous task, a prompt, and generate_video's settings, inheriting model, size, resolution and audio.</summary>
    public static ParameterTable Extend { get; } = new(
    [
        ExtendTaskId,
        Generate[RequestFields.Prompt] with
        {
            Describe = c => "What happens next in the continued clip. Optional: without it the clip simply continues the scene from the "
                + "last frame. " + FieldTexts.PromptLimits(c),
        },
        .. Generate.Pick([RequestFields.Model, RequestFields.Duration, RequestFields.Size, RequestFields.Resolution, RequestFields.GenerateAudio,
                RequestFields.Seed],
            p => p.Field == RequestFields.Model || p.Field == RequestFields.Size || p.Field == RequestFields.Resolution
                || p.Field == RequestFields.GenerateAudio ? p.Inherited(InheritedWords) : p),
        Wait,
        DryRun,
        ConfirmQuote,
    ]);

    /// <summary>The fewest shots of a long video (one shot is generate_video).</summary>
    public const int MinShots = 2;

    /// <summary>The most shots of a long video (a few minutes of film, and a price the user can still take in at once).</summary>
    public const int MaxShots = 12;

    /// <summary>One shot of a long video: its prompt and duration are the request's rows, said for a shot.</summary>
    public static ItemShape ShotItem { get; } = new ItemShape<ShotSpec>(() => new ShotSpec(),
    [
        RequestFields.Prompt.On<ShotSpec, string?>(s => s.Prompt, (s, v) => s with { Prompt = v }) with
        {
            Required = true,
            Missing = "each shot needs a prompt",
            Hint = "a description of what the shot shows",
            Describe = c => "What this shot shows: subject, action, camera movement. Shots after the first start on the previous shot's "
                + "last frame, so describe what happens next. " + FieldTexts.PromptLimits(c),
        },
        // A film's shots have known lengths: -1 ("the model chooses") is for single clips. The widest range is read here; each
        // shot is then held to its model's own range by the validator.
        RequestFields.Duration.On<ShotSpec, int?>(s => s.Duration, (s, v) => s with { Duration = v }) with
        {
            Range = ModelLimits.ShotDuration,
            Accepts = null,
            AllowedText = null,
            Describe = c => $"This shot's length in seconds, a whole number: {ModelLimits.ShotDurations(c)}.",
        },
    ]);

    /// <summary>generate_long_video's storyboard.</summary>
    public static ToolParameter Shots { get; } = new()
    {
        Name = "shots",
        Shape = FieldShape.ObjectList,
        Rule = ArgumentRule,
        Items = ShotItem,
        MinItems = MinShots,
        MaxItems = MaxShots,
        EnforceRange = true,
        Required = true,
        RequiredHint = $"{MinShots} to {MaxShots} shots, e.g. [{{\"prompt\": \"…\", \"duration\": 5}}, {{\"prompt\": \"…\"}}]",
        // Each item's fields describe themselves, and the tool's description says what a shot costs and how shots follow.
        Describe = _ => $"The storyboard: {MinShots} to {MaxShots} shots in order.",
    };

    /// <summary>
    /// generate_long_video: the shots, the settings every shot shares (projected from generate_video's table), the first
    /// shot's image inputs, <c>wait</c> and <c>dry_run</c>.
    /// </summary>
    public static ParameterTable LongVideo { get; } = new(
    [
        Shots,
        // The tool's description says once that these are shared by every shot and that image inputs apply to the first;
        // how a shot follows the one before is said by the shot's prompt.
        .. Generate.Pick([RequestFields.Model, RequestFields.Size, RequestFields.Resolution, RequestFields.GenerateAudio, RequestFields.Seed,
            RequestFields.ImageUrls, RequestFields.ImageWithRoles], p => p),
        Wait with
        {
            Describe = _ => $"Seconds to wait for the film before returning, 0 to {MaxWaitSeconds}. The shots render one after another in "
                + "the background (minutes each), so the call normally returns at once with a sequence_id to follow with check_task.",
        },
        DryRun with
        {
            Describe = _ => "true to check and price every shot without sending anything: returns each shot's estimated cost and exact body, "
                + "and the total. Nothing is sent, charged or recorded.",
        },
        ConfirmQuote,
    ]);

    /// <summary>get_balance: no arguments.</summary>
    public static ParameterTable Balance { get; } = new([]);

    /// <summary>list_models: no arguments.</summary>
    public static ParameterTable ListModels { get; } = new([]);

    /// <summary>list_tasks: how many.</summary>
    public static ToolParameter Limit { get; } = new()
    {
        Name = "limit",
        Shape = FieldShape.WholeNumber,
        Rule = ArgumentRule,
        Minimum = 1,
        Maximum = 50,
        EnforceRange = true,
        Default = 10L,
        Describe = _ => "How many tasks to list, 1 to 50.",
    };

    /// <summary>list_tasks: which state.</summary>
    public static ToolParameter Status { get; } = new()
    {
        Name = "status",
        Shape = FieldShape.Text,
        Rule = ArgumentRule,
        Values = _ => Tools.ListTasksTool.FilterNames,
        EnforceRange = true,
        Default = "all",
        Describe = _ => "Only tasks in this state: all, active (queued or running; films rendering or stopping), succeeded (films: also "
            + "stopped ones), failed, unconfirmed.",
    };

    /// <summary>list_tasks: how many of the newest to skip.</summary>
    public static ToolParameter Offset { get; } = new()
    {
        Name = "offset",
        Shape = FieldShape.WholeNumber,
        Rule = ArgumentRule,
        Minimum = 0,
        Maximum = int.MaxValue,
        EnforceRange = true,
        Default = 0L,
        Describe = _ => "How many of the newest tasks to skip, to page through older ones: use the next_offset of the previous answer. "
            + "Long videos are listed on the first page (offset 0).",
    };

    /// <summary>list_tasks: how many, and which.</summary>
    public static ParameterTable List { get; } = new([Limit, Status, Offset]);

    /// <summary>stop_long_video's film.</summary>
    public static ToolParameter SequenceId { get; } = TaskId("The sequence_id (seq_…) returned by generate_long_video.") with
    {
        Name = "sequence_id",
        Pattern = "^seq_[A-Za-z0-9]+$",
        PatternText = "a sequence id such as seq_0123… (seq_ then letters and digits)",
        RequiredHint = "the sequence_id that generate_long_video returned (list_tasks shows recent ones)",
    };

    /// <summary>stop_long_video: which film, and how long to wait for it to stop.</summary>
    public static ParameterTable Stop { get; } = new(
    [
        SequenceId,
        Wait with
        {
            Describe = _ => $"Seconds to wait for the film to stop before returning, 0 to {MaxWaitSeconds}: a shot already sent is finished "
                + "and saved first, then the shots done are stitched.",
        },
    ]);

    private static ToolParameter TaskId(string description) => new()
    {
        Name = "task_id",
        Shape = FieldShape.Text,
        Rule = ArgumentRule,
        MaxLength = 128,
        Pattern = "^[A-Za-z0-9][A-Za-z0-9_.:-]*$",
        PatternText = "a task id such as task_01… (letters, digits, _ . : -; at most 128 characters)",
        EnforceRange = true,
        Required = true,
        RequiredHint = "the task_id that generate_video or extend_video returned (list_tasks shows recent ones)",
        Describe = _ => description,
    };
}
