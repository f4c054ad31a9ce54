using Seedance.Client.Requests;

namespace Seedance.Client.Validation;

/// <summary>
/// The request rules (R1–R18), each id named once (a field added later may name its own in its row). <see cref="Violation.Rule"/> holds one of these ids;
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

    /// <summary>
    /// The catalogue in rule order, each rule as the design states it: the rules of one field are stated by its row in
    /// <see cref="RequestFields"/> (<see cref="RequestField.RuleText"/>), the rules that join fields here.
    /// </summary>
    public static IReadOnlyList<RequestRule> All { get; } =
    [
        .. RequestFields.All.Where(f => f.RuleText is not null).Select(f => new RequestRule(f.Rule, f.RuleText!))
            .Concat(
            [
                new(PromptRequired, "prompt is required when no image or video is given (text-to-video)."),
                new(PromptLength, "prompt is at most 4000 characters, except on -mini (no hard limit; about 500 CJK characters or "
                    + "1000 English words recommended, so a longer prompt gets a warning, not an error)."),
                new(ImagesExclusive, "image_urls and image_with_roles are mutually exclusive."),
                new(FrameExcludesMedia, "with a first_frame or last_frame image, video_urls and audio_urls are not allowed."),
                new(MediaUrls, "every media URL is http(s)://… or asset://<id>; asset:// only on the models that take it (doubao-seedance-2.0, -fast and seedance-2.5)."),
            ])
            .OrderBy(r => Number(r.Id)),
    ];

    /// <summary>The number of a rule id (4 for R4), for ordering violations; ids outside the catalogue sort last.</summary>
    public static int Number(string rule) =>
        rule.Length > 1 && rule[0] == 'R' && int.TryParse(rule.AsSpan(1), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : int.MaxValue;
}
