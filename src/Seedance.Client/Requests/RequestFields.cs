using Seedance.Client.Validation;

namespace Seedance.Client.Requests;

/// <summary>
/// The request catalogue: one row per field of <see cref="VideoGenerationRequest"/> (and of its nested items), in the
/// record's order. The validator's single-field rules, the tools' input schemas, readers and mapping, and the texts that
/// name a limit are made from these rows; the validator writes by hand only the rules that join two fields.
/// </summary>
public static class RequestFields
{
    /// <summary><c>model</c> (R1).</summary>
    public static RequestField<VideoGenerationRequest, string> Model { get; } = new()
    {
        Name = "model",
        Property = nameof(VideoGenerationRequest.Model),
        Shape = FieldShape.Text,
        Rule = RequestRules.Model,
        RuleText = "model is one the catalogue knows (doubao-seedance-2.0, -fast, -mini, seedance-2.5 or its alias doubao-seedance-2.5) "
            + "or one the provider lists.",
        Values = (c, _) => c.AcceptedIds,
        Noun = "model",
        Required = true,
        Default = SeedanceModels.Standard,
        Describe = c => $"The model. {FieldTexts.Models(c)}.",
        Get = r => r.Model,
        With = (r, v) => r with { Model = v },
    };

    /// <summary><c>prompt</c> (R2 and R3 join it to the media and the model: they are the validator's own).</summary>
    public static RequestField<VideoGenerationRequest, string?> Prompt { get; } = new()
    {
        Name = "prompt",
        Property = nameof(VideoGenerationRequest.Prompt),
        Shape = FieldShape.Text,
        Rule = RequestRules.PromptRequired,
        Describe = c => "What the video shows: subject, action, camera movement, style. Required for text-to-video; optional when "
            + "image_urls, image_with_roles or video_urls are given. " + FieldTexts.PromptLimits(c),
        Get = r => r.Prompt,
        With = (r, v) => r with { Prompt = v },
    };

    /// <summary><c>duration</c> (R4).</summary>
    public static RequestField<VideoGenerationRequest, int> Duration { get; } = new()
    {
        Name = "duration",
        Property = nameof(VideoGenerationRequest.Duration),
        Shape = FieldShape.WholeNumber,
        Rule = RequestRules.Duration,
        RuleText = $"duration is an integer within the model's range ({ModelLimits.Durations(ModelLimits.Shipped)}); default {VideoDefaults.Duration}.",
        Range = ModelLimits.Duration,
        Accepts = ModelLimits.AcceptsDuration,
        AllowedText = ModelLimits.DurationAllowed,
        Unit = "seconds",
        Default = VideoDefaults.Duration,
        Describe = c => $"Length in seconds, a whole number: {ModelLimits.Durations(c)}.",
        Get = r => r.Duration,
        With = (r, v) => r with { Duration = v },
    };

    /// <summary><c>size</c>, the aspect ratio (R5).</summary>
    public static RequestField<VideoGenerationRequest, string> Size { get; } = new()
    {
        Name = "size",
        Property = nameof(VideoGenerationRequest.Size),
        Shape = FieldShape.Text,
        Rule = RequestRules.Size,
        RuleText = "size (the aspect ratio) is one of 16:9, 9:16, 1:1, 4:3, 3:4, 21:9, adaptive; default 16:9; "
            + "adaptive follows the input image or video.",
        Values = (_, _) => VideoSizes.All,
        Noun = "aspect ratio",
        Required = true,
        Default = VideoDefaults.Size,
        Describe = _ => "Aspect ratio: 16:9 landscape, 9:16 vertical (phones, reels, stories), 1:1 square, 4:3, 3:4, 21:9 ultra-wide, "
            + "adaptive (follow the input image or video).",
        Get = r => r.Size,
        With = (r, v) => r with { Size = v },
    };

    /// <summary><c>resolution</c> (R6; which model renders which is the validator's own rule).</summary>
    public static RequestField<VideoGenerationRequest, string> Resolution { get; } = new()
    {
        Name = "resolution",
        Property = nameof(VideoGenerationRequest.Resolution),
        Shape = FieldShape.Text,
        Rule = RequestRules.Resolution,
        RuleText = "resolution is one of 480p, 720p, 1080p, 4k; default 720p; 1080p and 4k only on doubao-seedance-2.0.",
        Values = (_, model) => model?.Resolutions ?? VideoResolutions.All,
        Noun = "resolution",
        Required = true,
        Default = VideoDefaults.Resolution,
        Describe = FieldTexts.Resolutions,
        Get = r => r.Resolution,
        With = (r, v) => r with { Resolution = v },
    };

    /// <summary><c>seed</c> (R7).</summary>
    public static RequestField<VideoGenerationRequest, long?> Seed { get; } = new()
    {
        Name = "seed",
        Property = nameof(VideoGenerationRequest.Seed),
        Shape = FieldShape.WholeNumber,
        Rule = RequestRules.Seed,
        RuleText = $"seed is an integer (upstream range {VideoLimits.MinSeed} to {VideoLimits.MaxSeed}).",
        Range = _ => new IntRange(VideoLimits.MinSeed, VideoLimits.MaxSeed),
        Describe = _ => $"Random seed, a whole number from {VideoLimits.MinSeed} to {VideoLimits.MaxSeed}. The same seed gives similar "
            + "(not identical) results. Omit for a random one.",
        Get = r => r.Seed,
        With = (r, v) => r with { Seed = v },
    };

    /// <summary><c>generate_audio</c> (R8).</summary>
    public static RequestField<VideoGenerationRequest, bool> GenerateAudio { get; } = new()
    {
        Name = "generate_audio",
        Property = nameof(VideoGenerationRequest.GenerateAudio),
        Shape = FieldShape.Boolean,
        Rule = RequestRules.Flags,
        RuleText = "generate_audio and return_last_frame are booleans.",
        Default = false,
        Describe = _ => "true for a video with sound (AI-generated audio: voices, music, effects). The result has sound only when this "
            + "is true, also with audio_urls (they guide the video; they do not switch sound on).",
        Get = r => r.GenerateAudio,
        With = (r, v) => r with { GenerateAudio = v },
    };

    /// <summary><c>return_last_frame</c> (R8); the tools ask for it unless told not to.</summary>
    public static RequestField<VideoGenerationRequest, bool?> ReturnLastFrame { get; } = new()
    {
        Name = "return_last_frame",
        Property = nameof(VideoGenerationRequest.ReturnLastFrame),
        Shape = FieldShape.Boolean,
        Rule = RequestRules.Flags,
        Default = true,
        Describe = _ => "Also return the last frame as an image, so the clip can be continued with extend_video.",
        Get = r => r.ReturnLastFrame,
        With = (r, v) => r with { ReturnLastFrame = v },
    };

    /// <summary>The <c>type</c> of one <c>tools</c> item (R9).</summary>
    public static RequestField<VideoTool, string?> ToolType { get; } = new()
    {
        Name = "type",
        Property = nameof(VideoTool.Type),
        Shape = FieldShape.Text,
        Rule = RequestRules.Tools,
        Values = (_, _) => VideoTools.All,
        Noun = "tool type",
        Required = true,
        Describe = _ => "The tool type; only web_search exists.",
        Get = t => t.Type,
        With = (t, v) => t with { Type = v },
    };

    /// <summary><c>tools</c> (R9).</summary>
    public static RequestField<VideoGenerationRequest, IReadOnlyList<VideoTool>?> Tools { get; } = new()
    {
        Name = "tools",
        Property = nameof(VideoGenerationRequest.Tools),
        Shape = FieldShape.ObjectList,
        Rule = RequestRules.Tools,
        RuleText = "tools holds only {\"type\":\"web_search\"}.",
        // The provider states no count; a second web_search would mean nothing, so the schema shows one and nothing is refused.
        SchemaMaxItems = VideoLimits.MaxTools,
        Items = new ItemShape<VideoTool>(() => new VideoTool(), [ToolType]),
        Describe = _ => "Optional extras. Only [{\"type\": \"web_search\"}] exists: lets generation consult the web.",
        Get = r => r.Tools,
        With = (r, v) => r with { Tools = v },
    };

    /// <summary><c>image_urls</c> (R10).</summary>
    public static RequestField<VideoGenerationRequest, IReadOnlyList<string>?> ImageUrls { get; } = new()
    {
        Name = "image_urls",
        Property = nameof(VideoGenerationRequest.ImageUrls),
        Shape = FieldShape.StringList,
        Rule = RequestRules.ImageCount,
        RuleText = $"image_urls holds at most the model's image count ({ModelLimits.Counts(ModelLimits.Shipped, m => m.MaxImages)}).",
        Range = ModelLimits.Images,
        Unit = "images",
        Noun = "images",
        IsMediaUrl = true,
        Describe = c => $"Reference images, at most {ModelLimits.Counts(c, m => m.MaxImages)}. One image is image-to-video: the clip starts from it "
            + "(as in the provider's example); several are references the clip draws on. For an exact first or last frame use "
            + $"image_with_roles. {FieldTexts.MediaItem(c)} Do not combine with image_with_roles.",
        Get = r => r.ImageUrls,
        With = (r, v) => r with { ImageUrls = v },
    };

    /// <summary>The <c>url</c> of one <c>image_with_roles</c> item (R12, R16).</summary>
    public static RequestField<ImageWithRole, string?> RoleUrl { get; } = new()
    {
        Name = "url",
        Property = nameof(ImageWithRole.Url),
        Shape = FieldShape.Text,
        Rule = RequestRules.ImageRoles,
        Noun = "image URL",
        Required = true,
        IsMediaUrl = true,
        Describe = c => "The image. " + FieldTexts.MediaItem(c),
        Get = i => i.Url,
        With = (i, v) => i with { Url = v },
    };

    /// <summary>The <c>role</c> of one <c>image_with_roles</c> item (R12).</summary>
    public static RequestField<ImageWithRole, string?> Role { get; } = new()
    {
        Name = "role",
        Property = nameof(ImageWithRole.Role),
        Shape = FieldShape.Text,
        Rule = RequestRules.ImageRoles,
        Values = (_, _) => ImageRoles.All,
        Noun = "role",
        Required = true,
        Missing = "the role is missing",
        Describe = _ => "first_frame: the video starts on this image; last_frame: it ends on it; reference_image: a person "
            + "whose likeness (face, look) the video keeps, in the provider's words a reference portrait, shown with asset:// URLs "
            + "of approved material (an http(s) image is sent as given). first_frame and last_frame may be combined with "
            + "reference_image. For a logo, product or style reference use image_urls instead.",
        Get = i => i.Role,
        With = (i, v) => i with { Role = v },
    };

    /// <summary><c>image_with_roles</c> (R12; R11 and R13 join it to other fields).</summary>
    public static RequestField<VideoGenerationRequest, IReadOnlyList<ImageWithRole>?> ImageWithRoles { get; } = new()
    {
        Name = "image_with_roles",
        Property = nameof(VideoGenerationRequest.ImageWithRoles),
        Shape = FieldShape.ObjectList,
        Rule = RequestRules.ImageRoles,
        RuleText = "each image_with_roles item has a url and a role of first_frame, last_frame or reference_image.",
        Range = ModelLimits.Images,
        Unit = "images",
        Noun = "images",
        Items = new ItemShape<ImageWithRole>(() => new ImageWithRole(), [RoleUrl, Role]),
        Describe = _ => "Images with a role, e.g. [{\"url\": \"https://…/day.jpg\", \"role\": \"first_frame\"}, {\"url\": \"https://…/night.jpg\", "
            + "\"role\": \"last_frame\"}]. Do not combine with image_urls. With a first_frame or last_frame image, video_urls and "
            + "audio_urls are not allowed.",
        Get = r => r.ImageWithRoles,
        With = (r, v) => r with { ImageWithRoles = v },
    };

    /// <summary><c>video_urls</c> (R14).</summary>
    public static RequestField<VideoGenerationRequest, IReadOnlyList<string>?> VideoUrls { get; } = new()
    {
        Name = "video_urls",
        Property = nameof(VideoGenerationRequest.VideoUrls),
        Shape = FieldShape.StringList,
        Rule = RequestRules.Videos,
        RuleText = $"video_urls holds at most the model's video count ({ModelLimits.Counts(ModelLimits.Shipped, m => m.MaxVideos)}); their total length must be over 1.8 s and under 15.2 s; "
            + "each 480p to 720p; no real people.",
        Range = ModelLimits.Videos,
        Unit = "videos",
        Noun = "reference videos",
        IsMediaUrl = true,
        Describe = c => $"Reference videos, at most {ModelLimits.Counts(c, m => m.MaxVideos)}, total length over 1.8 s and under 15.2 s, each "
            + $"480p to 720p, no real people. Each item is an http(s) URL or asset://<id> (only on {FieldTexts.AssetModels(c)}); local "
            + "video files cannot be uploaded. Not allowed with a first_frame or last_frame image.",
        Get = r => r.VideoUrls,
        With = (r, v) => r with { VideoUrls = v },
    };

    /// <summary><c>audio_urls</c> (R15; that it needs an image or video beside it is the validator's own rule).</summary>
    public static RequestField<VideoGenerationRequest, IReadOnlyList<string>?> AudioUrls { get; } = new()
    {
        Name = "audio_urls",
        Property = nameof(VideoGenerationRequest.AudioUrls),
        Shape = FieldShape.StringList,
        Rule = RequestRules.Audio,
        RuleText = $"audio_urls holds at most the model's clip count ({ModelLimits.Counts(ModelLimits.Shipped, m => m.MaxAudios)}), total at most 15 s, "
            + "and needs at least one image or video beside it on models without audio-only references.",
        Range = ModelLimits.AudioClips,
        Unit = "clips",
        Noun = "reference audio clips",
        IsMediaUrl = true,
        Describe = c => $"Reference audio clips, at most {ModelLimits.Counts(c, m => m.MaxAudios)}, total at most 15 s. Needs at least one image "
            + $"(image_urls or image_with_roles) or video (video_urls) beside it{ModelLimits.AudioOnlyExceptions(c)}. Each item is an http(s) URL or asset://<id> (only on "
            + $"{FieldTexts.AssetModels(c)}). Not allowed with a first_frame or last_frame image.",
        Get = r => r.AudioUrls,
        With = (r, v) => r with { AudioUrls = v },
    };

    /// <summary><c>output_format</c> (R17): only on the models that offer it, each with its own values.</summary>
    public static RequestField<VideoGenerationRequest, string?> OutputFormat { get; } = new()
    {
        Name = "output_format",
        Property = nameof(VideoGenerationRequest.OutputFormat),
        Shape = FieldShape.Text,
        Rule = RequestRules.OutputFormat,
        RuleText = "output_format is one the model offers (mp4 or mov on 2.5); models without it take none.",
        Values = ModelLimits.OutputFormats,
        ValuesPerModel = true,
        Noun = "output_format",
        Describe = c => $"The result's container. Only on {ModelLimits.Offering(c, m => m.OutputFormats)}; leave it out on other models.",
        Get = r => r.OutputFormat,
        With = (r, v) => r with { OutputFormat = v },
    };

    /// <summary>
    /// <c>omni_reference_task_type</c> (R18): only on the models that offer it; that extend and edit need the clip in
    /// <c>video_urls</c> is the validator's own rule.
    /// </summary>
    public static RequestField<VideoGenerationRequest, string?> OmniReferenceTaskType { get; } = new()
    {
        Name = "omni_reference_task_type",
        Property = nameof(VideoGenerationRequest.OmniReferenceTaskType),
        Shape = FieldShape.Text,
        Rule = RequestRules.ReferenceTaskType,
        RuleText = "omni_reference_task_type is one the model offers (auto, reference, edit, extend on 2.5); "
            + "extend and edit need the source clip in video_urls.",
        Values = ModelLimits.ReferenceTaskTypes,
        ValuesPerModel = true,
        Noun = "omni_reference_task_type",
        Describe = c => $"How the references are used, only on {ModelLimits.Offering(c, m => m.ReferenceTaskTypes)}: edit changes the clip "
            + "in video_urls, extend continues it (extend_video does this for you). Leave it out on other models.",
        Get = r => r.OmniReferenceTaskType,
        With = (r, v) => r with { OmniReferenceTaskType = v },
    };

    /// <summary>Every top-level field, in the record's (and the schema's) order.</summary>
    public static IReadOnlyList<RequestField> All { get; } =
    [
        Model, Prompt, Duration, Size, Resolution, Seed, GenerateAudio, ReturnLastFrame, Tools, ImageUrls, ImageWithRoles, VideoUrls, AudioUrls,
        OutputFormat, OmniReferenceTaskType,
    ];
}
