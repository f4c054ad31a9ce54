namespace Seedance.Client.Validation;

/// <summary>
/// The request rules (R1–R16), each id named once. <see cref="Violation.Rule"/> holds one of these ids;
/// <see cref="All"/> is the catalogue with each rule's text.
/// </summary>
public static class RequestRules
{
    /// <summary>R1: the model is a known one.</summary>
    public const string Model = "R1";

    /// <summary>R2: a prompt is required when no image or video is given.</summary>
    public const string PromptRequired = "R2";

    /// <summary>R3: the prompt's length.</summary>
    public const string PromptLength = "R3";

    /// <summary>R4: the duration in seconds.</summary>
    public const string Duration = "R4";

    /// <summary>R5: the size (aspect ratio).</summary>
    public const string Size = "R5";

    /// <summary>R6: the resolution, and which models offer it.</summary>
    public const string Resolution = "R6";

    /// <summary>R7: the seed.</summary>
    public const string Seed = "R7";

    /// <summary>R8: <c>generate_audio</c> and <c>return_last_frame</c> are booleans.</summary>
    public const string Flags = "R8";

    /// <summary>R9: the tools.</summary>
    public const string Tools = "R9";

    /// <summary>R10: how many images <c>image_urls</c> holds.</summary>
    public const string ImageCount = "R10";

    /// <summary>R11: <c>image_urls</c> and <c>image_with_roles</c> exclude each other.</summary>
    public const string ImagesExclusive = "R11";

    /// <summary>R12: each <c>image_with_roles</c> item has a url and a known role.</summary>
    public const string ImageRoles = "R12";

    /// <summary>R13: a first or last frame excludes videos and audio.</summary>
    public const string FrameExcludesMedia = "R13";

    /// <summary>R14: the reference videos.</summary>
    public const string Videos = "R14";

    /// <summary>R15: the reference audio clips.</summary>
    public const string Audio = "R15";

    /// <summary>R16: every media URL's form, and where <c>asset://</c> is allowed.</summary>
    public const string MediaUrls = "R16";

    /// <summary>R17: <c>output_format</c> is one the model offers.</summary>
    public const string OutputFormat = "R17";

    /// <summary>R18: <c>omni_reference_task_type</c> is one the model offers; <c>extend</c> and <c>edit</c> need the source clip in <c>video_urls</c>.</summary>
    public const string ReferenceTaskType = "R18";

    /// <summary>The catalogue, R1 to R18 in order, each rule as the design states it.</summary>
    public static IReadOnlyList<RequestRule> All { get; } =
    [
        new(Model, "model is one the catalogue knows (doubao-seedance-2.0, -fast, -mini, seedance-2.5 or its alias doubao-seedance-2.5) or one the provider lists."),
        new(PromptRequired, "prompt is required when no image or video is given (text-to-video)."),
        new(PromptLength, "prompt is at most 4000 characters, except on -mini (no hard limit; about 500 CJK characters or "
            + "1000 English words recommended, so a longer prompt gets a warning, not an error)."),
        new(Duration, "duration is an integer within the model's range (4 to 15 seconds on Seedance 2.0, 4 to 30 or -1 on 2.5); default 5."),
        new(Size, "size (the aspect ratio) is one of 16:9, 9:16, 1:1, 4:3, 3:4, 21:9, adaptive; default 16:9; "
            + "adaptive follows the input image or video."),
        new(Resolution, "resolution is one of 480p, 720p, 1080p, 4k; default 720p; 1080p and 4k only on doubao-seedance-2.0."),
        new(Seed, "seed is an integer (upstream range -1 to 4294967295)."),
        new(Flags, "generate_audio and return_last_frame are booleans."),
        new(Tools, "tools holds only {\"type\":\"web_search\"}."),
        new(ImageCount, "image_urls holds at most the model's image count (9 on Seedance 2.0, 30 on 2.5)."),
        new(ImagesExclusive, "image_urls and image_with_roles are mutually exclusive."),
        new(ImageRoles, "each image_with_roles item has a url and a role of first_frame, last_frame or reference_image."),
        new(FrameExcludesMedia, "with a first_frame or last_frame image, video_urls and audio_urls are not allowed."),
        new(Videos, "video_urls holds at most the model's video count (3 on Seedance 2.0, 10 on 2.5); their total length must be over 1.8 s and under 15.2 s; "
            + "each 480p to 720p; no real people."),
        new(Audio, "audio_urls holds at most the model's clip count (3 on Seedance 2.0, 10 on 2.5), total at most 15 s, and on 2.0 needs at least one image or video beside it."),
        new(MediaUrls, "every media URL is http(s)://… or asset://<id>; asset:// only on doubao-seedance-2.0 and -fast."),
        new(OutputFormat, "output_format is one the model offers (mp4 or mov on 2.5); models without it take none."),
        new(ReferenceTaskType, "omni_reference_task_type is one the model offers (auto, reference, edit, extend on 2.5); "
            + "extend and edit need the source clip in video_urls."),
    ];
}
