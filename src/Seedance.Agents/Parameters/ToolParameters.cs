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
        Kind = ParameterKind.Integer,
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
        Kind = ParameterKind.Boolean,
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
        Kind = ParameterKind.String,
        Rule = ArgumentRule,
        MaxLength = 64,
        Describe = _ => "Only after an error of kind confirmation_required: first show the user the quoted price and ask them; only if they "
            + "agree, repeat the call with exactly the same arguments plus confirm_quote set to the quote_id it gave. The quote fits only "
            + "that request, works once and expires after 10 minutes. Never set it without the user's yes.",
    };

    /// <summary>generate_video: the provider's body fields with the provider's names and JSON types, plus <c>wait</c>.</summary>
    public static ParameterTable Generate { get; } = new(
    [
        new()
        {
            Name = "prompt",
            Kind = ParameterKind.String,
            Rule = RequestRules.PromptRequired,
            Describe = c => "What the video shows: subject, action, camera movement, style. Required for text-to-video; optional when "
                + "image_urls, image_with_roles or video_urls are given. " + ParameterTexts.PromptLimits(c),
            Apply = (r, v) => r with { Prompt = (string)v },
            Get = r => r.Prompt,
        },
        new()
        {
            Name = "model",
            Kind = ParameterKind.String,
            Rule = RequestRules.Model,
            Values = c => c.AcceptedIds,
            Default = SeedanceModels.Standard,
            Describe = c => $"The model. {ParameterTexts.Models(c)}.",
            Apply = (r, v) => r with { Model = (string)v },
            Get = r => r.Model,
        },
        new()
        {
            Name = "duration",
            Kind = ParameterKind.Integer,
            Rule = RequestRules.Duration,
            Minimum = ModelLimits.MinDuration(ModelLimits.Shipped),
            Maximum = ModelLimits.MaxDuration(ModelLimits.Shipped),
            Int32 = true,
            Default = (long)VideoDefaults.Duration,
            Describe = c => $"Length in seconds, a whole number: {ModelLimits.Durations(c)}.",
            Apply = (r, v) => r with { Duration = (int)(long)v },
            Get = r => (long)r.Duration,
        },
        new()
        {
            Name = "size",
            Kind = ParameterKind.String,
            Rule = RequestRules.Size,
            Values = _ => VideoSizes.All,
            Default = VideoDefaults.Size,
            Describe = _ => "Aspect ratio: 16:9 landscape, 9:16 vertical (phones, reels, stories), 1:1 square, 4:3, 3:4, 21:9 ultra-wide, "
                + "adaptive (follow the input image or video).",
            Apply = (r, v) => r with { Size = (string)v },
            Get = r => r.Size,
        },
        new()
        {
            Name = "resolution",
            Kind = ParameterKind.String,
            Rule = RequestRules.Resolution,
            Values = _ => VideoResolutions.All,
            Default = VideoDefaults.Resolution,
            Describe = ParameterTexts.Resolutions,
            Apply = (r, v) => r with { Resolution = (string)v },
            Get = r => r.Resolution,
        },
        new()
        {
            Name = "seed",
            Kind = ParameterKind.Integer,
            Rule = RequestRules.Seed,
            Minimum = VideoDefaults.MinSeed,
            Maximum = VideoDefaults.MaxSeed,
            Describe = _ => $"Random seed, a whole number from {VideoDefaults.MinSeed} to {VideoDefaults.MaxSeed}. The same seed gives similar "
                + "(not identical) results. Omit for a random one.",
            Apply = (r, v) => r with { Seed = (long)v },
            Get = r => r.Seed,
        },
        new()
        {
            Name = "generate_audio",
            Kind = ParameterKind.Boolean,
            Rule = RequestRules.Flags,
            Default = false,
            Describe = _ => "true for a video with sound (AI-generated audio: voices, music, effects). The result has sound only when this "
                + "is true, also with audio_urls (they guide the video; they do not switch sound on).",
            Apply = (r, v) => r with { GenerateAudio = (bool)v },
            Get = r => r.GenerateAudio,
        },
        new()
        {
            Name = "return_last_frame",
            Kind = ParameterKind.Boolean,
            Rule = RequestRules.Flags,
            Default = true,
            Describe = _ => "Also return the last frame as an image, so the clip can be continued with extend_video.",
            Apply = (r, v) => r with { ReturnLastFrame = (bool)v },
            Get = r => r.ReturnLastFrame,
        },
        new()
        {
            Name = "tools",
            Kind = ParameterKind.Tools,
            Rule = RequestRules.Tools,
            MaxItems = 1,
            Describe = _ => "Optional extras. Only [{\"type\": \"web_search\"}] exists: lets generation consult the web.",
            Apply = (r, v) => r with { Tools = (IReadOnlyList<VideoTool>)v },
            Get = r => r.Tools,
        },
        new()
        {
            Name = "image_urls",
            Kind = ParameterKind.UrlList,
            Rule = RequestRules.ImageCount,
            MaxItems = ModelLimits.Most(ModelLimits.Shipped, m => m.MaxImages),
            Describe = c => $"Reference images, at most {ModelLimits.Counts(c, m => m.MaxImages)}. One image is image-to-video: the clip starts from it "
                + "(as in the provider's example); several are references the clip draws on. For an exact first or last frame use "
                + $"image_with_roles. {ParameterTexts.MediaItem(c)} Do not combine with image_with_roles.",
            Apply = (r, v) => r with { ImageUrls = (IReadOnlyList<string>)v },
            Get = r => r.ImageUrls,
        },
        new()
        {
            Name = "image_with_roles",
            Kind = ParameterKind.ImageRoles,
            Rule = RequestRules.ImageRoles,
            MaxItems = ModelLimits.Most(ModelLimits.Shipped, m => m.MaxImages),
            Describe = _ => "Images with a role, e.g. [{\"url\": \"https://…/day.jpg\", \"role\": \"first_frame\"}, {\"url\": \"https://…/night.jpg\", "
                + "\"role\": \"last_frame\"}]. Do not combine with image_urls. With a first_frame or last_frame image, video_urls and "
                + "audio_urls are not allowed.",
            Apply = (r, v) => r with { ImageWithRoles = (IReadOnlyList<ImageWithRole>)v },
            Get = r => r.ImageWithRoles,
        },
        new()
        {
            Name = "video_urls",
            Kind = ParameterKind.UrlList,
            Rule = RequestRules.Videos,
            MaxItems = ModelLimits.Most(ModelLimits.Shipped, m => m.MaxVideos),
            Describe = c => $"Reference videos, at most {ModelLimits.Counts(c, m => m.MaxVideos)}, total length over 1.8 s and under 15.2 s, each "
                + $"480p to 720p, no real people. Each item is an http(s) URL or asset://<id> (only on {ParameterTexts.AssetModels(c)}); local "
                + "video files cannot be uploaded. Not allowed with a first_frame or last_frame image.",
            Apply = (r, v) => r with { VideoUrls = (IReadOnlyList<string>)v },
            Get = r => r.VideoUrls,
        },
        new()
        {
            Name = "audio_urls",
            Kind = ParameterKind.UrlList,
            Rule = RequestRules.Audio,
            MaxItems = ModelLimits.Most(ModelLimits.Shipped, m => m.MaxAudios),
            Describe = c => $"Reference audio clips, at most {ModelLimits.Counts(c, m => m.MaxAudios)}, total at most 15 s. Needs at least one image "
                + $"(image_urls or image_with_roles) or video (video_urls) beside it{AudioOnly(c)}. Each item is an http(s) URL or asset://<id> (only on "
                + $"{ParameterTexts.AssetModels(c)}). Not allowed with a first_frame or last_frame image.",
            Apply = (r, v) => r with { AudioUrls = (IReadOnlyList<string>)v },
            Get = r => r.AudioUrls,
        },
        new()
        {
            Name = "output_format",
            Kind = ParameterKind.String,
            Rule = RequestRules.OutputFormat,
            Values = c => ModelLimits.Values(c, m => m.OutputFormats),
            Describe = c => $"The result's container. Only on {ModelLimits.Offering(c, m => m.OutputFormats)}; leave it out on other models.",
            Apply = (r, v) => r with { OutputFormat = (string)v },
            Get = r => r.OutputFormat,
        },
        new()
        {
            Name = "omni_reference_task_type",
            Kind = ParameterKind.String,
            Rule = RequestRules.ReferenceTaskType,
            Values = c => ModelLimits.Values(c, m => m.ReferenceTaskTypes),
            Describe = c => $"How the references are used, only on {ModelLimits.Offering(c, m => m.ReferenceTaskTypes)}: edit changes the clip "
                + "in video_urls, extend continues it (extend_video does this for you). Leave it out on other models.",
            Apply = (r, v) => r with { OmniReferenceTaskType = (string)v },
            Get = r => r.OmniReferenceTaskType,
        },
        Wait,
        DryRun,
        ConfirmQuote,
    ]);

    /// <summary>check_task: a task id and how long to wait.</summary>
    public static ParameterTable Check { get; } = new(
    [
        TaskId("The task_id returned by generate_video or extend_video (it starts with task_), or the sequence_id returned by "
            + "generate_long_video (it starts with seq_) for every shot and the film. list_tasks shows recent ones."),
        Wait,
    ]);

    /// <summary>extend_video: the previous task, a prompt, and generate_video's settings, inheriting model, size, resolution and audio.</summary>
    public static ParameterTable Extend { get; } = new(
    [
        TaskId("The task_id of the finished clip to continue (it must have succeeded with a last frame), or the sequence_id (seq_…) of a "
            + "finished long video: the new clip continues its last shot and the film is stitched again with it."),
        Generate["prompt"] with
        {
            Describe = c => "What happens next in the continued clip. Optional: without it the clip simply continues the scene from the "
                + "last frame. " + ParameterTexts.PromptLimits(c),
        },
        .. Generate.Pick(["model", "duration", "size", "resolution", "generate_audio", "seed"],
            p => p.Name is "model" or "size" or "resolution" or "generate_audio" ? p.Inherited(InheritedWords) : p),
        Wait,
        DryRun,
        ConfirmQuote,
    ]);

    private static string AudioOnly(ModelCatalog catalog) =>
        catalog.Models.Any(m => m.AudioOnlyReferences)
            ? $", except on {string.Join(" and ", catalog.Models.Where(m => m.AudioOnlyReferences).Select(m => m.Name))}"
            : string.Empty;

    /// <summary>The fewest shots of a long video (one shot is generate_video).</summary>
    public const int MinShots = 2;

    /// <summary>The most shots of a long video (a few minutes of film, and a price the user can still take in at once).</summary>
    public const int MaxShots = 12;

    /// <summary>
    /// generate_long_video: the shots, the settings every shot shares (projected from generate_video's table), the first
    /// shot's image inputs, <c>wait</c> and <c>dry_run</c>.
    /// </summary>
    public static ParameterTable LongVideo { get; } = new(
    [
        new()
        {
            Name = "shots",
            Kind = ParameterKind.Shots,
            Rule = ArgumentRule,
            MinItems = MinShots,
            MaxItems = MaxShots,
            Required = true,
            RequiredHint = $"{MinShots} to {MaxShots} shots, e.g. [{{\"prompt\": \"…\", \"duration\": 5}}, {{\"prompt\": \"…\"}}]",
            // Each item's fields describe themselves, and the tool's description says what a shot costs and how shots follow.
            Describe = _ => $"The storyboard: {MinShots} to {MaxShots} shots in order.",
        },
        // The tool's description says once that these are shared by every shot and that image inputs apply to the first;
        // how a shot follows the one before is said by the shot's prompt.
        .. Generate.Pick(["model", "size", "resolution", "generate_audio", "seed", "image_urls", "image_with_roles"], p => p),
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

    /// <summary>list_tasks: how many, and which.</summary>
    public static ParameterTable List { get; } = new(
    [
        new()
        {
            Name = "limit",
            Kind = ParameterKind.Integer,
            Rule = ArgumentRule,
            Minimum = 1,
            Maximum = 50,
            EnforceRange = true,
            Default = 10L,
            Describe = _ => "How many tasks to list, 1 to 50.",
        },
        new()
        {
            Name = "status",
            Kind = ParameterKind.String,
            Rule = ArgumentRule,
            Values = _ => Tools.ListTasksTool.FilterNames,
            Default = "all",
            Describe = _ => "Only tasks in this state: all, active (queued or running; films rendering or stopping), succeeded (films: also "
                + "stopped ones), failed, unconfirmed.",
        },
        new()
        {
            Name = "offset",
            Kind = ParameterKind.Integer,
            Rule = ArgumentRule,
            Minimum = 0,
            Maximum = int.MaxValue,
            EnforceRange = true,
            Default = 0L,
            Describe = _ => "How many of the newest tasks to skip, to page through older ones: use the next_offset of the previous answer. "
                + "Long videos are listed on the first page (offset 0).",
        },
    ]);

    /// <summary>stop_long_video: which film, and how long to wait for it to stop.</summary>
    public static ParameterTable Stop { get; } = new(
    [
        TaskId("The sequence_id (seq_…) returned by generate_long_video.") with
        {
            Name = "sequence_id",
            Pattern = "^seq_[A-Za-z0-9]+$",
            PatternText = "a sequence id such as seq_0123… (seq_ then letters and digits)",
            RequiredHint = "the sequence_id that generate_long_video returned (list_tasks shows recent ones)",
        },
        Wait with
        {
            Describe = _ => $"Seconds to wait for the film to stop before returning, 0 to {MaxWaitSeconds}: a shot already sent is finished "
                + "and saved first, then the shots done are stitched.",
        },
    ]);

    private static ToolParameter TaskId(string description) => new()
    {
        Name = "task_id",
        Kind = ParameterKind.String,
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
