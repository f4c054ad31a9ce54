using System.Globalization;
using Seedance.Client.Models;
using Seedance.Client.Requests;

namespace Seedance.Client.Validation;

/// <summary>
/// Checks a <see cref="VideoGenerationRequest"/> against every documented rule (R1–R16) and reports all
/// violations at once. Rules that need the media itself (video and audio lengths) cannot be checked here.
/// </summary>
public sealed class RequestValidator
{
    private const string HttpAllowed = "an http:// or https:// URL, or asset://<id>";

    private readonly LiveModelCatalog _models;

    /// <summary>Creates a validator for the given catalogue (the documented models when null).</summary>
    public RequestValidator(ModelCatalog? catalog = null)
        : this(new LiveModelCatalog(catalog ?? ModelCatalog.Default))
    {
    }

    /// <summary>Creates a validator that follows <paramref name="models"/>: what the provider says today, once read.</summary>
    public RequestValidator(LiveModelCatalog models)
    {
        ArgumentNullException.ThrowIfNull(models);
        _models = models;
    }

    /// <summary>The models this validator accepts, as they are now.</summary>
    public ModelCatalog Catalog => _models.Current;

    /// <summary>The catalogue this validator follows.</summary>
    public LiveModelCatalog Models => _models;

    /// <summary>Returns every violation and warning of <paramref name="request"/>.</summary>
    public ValidationResult Validate(VideoGenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<Violation>();
        var warnings = new List<Violation>();

        // R1: the model decides which of the model-dependent rules apply.
        Catalog.TryGet(request.Model, out var model);
        if (model is null)
        {
            errors.Add(new(RequestRules.Model, "model", request.Model, string.Join(", ", Catalog.AcceptedIds),
                "unknown model"));
        }

        var images = Count(request.ImageUrls);
        var roleImages = Count(request.ImageWithRoles);
        var videos = Count(request.VideoUrls);
        var audios = Count(request.AudioUrls);

        CheckPrompt(request, model, images + roleImages + videos, errors, warnings);

        // R4: each model's own range (and whether -1, "the model chooses", exists).
        if (model is not null ? !model.AcceptsDuration(request.Duration) : request.Duration is < VideoDefaults.MinDuration or > VideoDefaults.MaxDuration)
        {
            errors.Add(new(RequestRules.Duration, "duration", Text(request.Duration),
                model is null
                    ? $"an integer from {VideoDefaults.MinDuration} to {VideoDefaults.MaxDuration} (seconds)"
                    : $"{model.DurationText} on {model.Name}",
                "duration is out of range"));
        }

        // R5
        if (!VideoSizes.All.Contains(request.Size, StringComparer.Ordinal))
        {
            errors.Add(new(RequestRules.Size, "size", request.Size, string.Join(", ", VideoSizes.All),
                "unknown aspect ratio"));
        }

        // R6
        if (!VideoResolutions.All.Contains(request.Resolution, StringComparer.Ordinal))
        {
            var allowed = model?.Resolutions ?? VideoResolutions.All;
            errors.Add(new(RequestRules.Resolution, "resolution", request.Resolution, string.Join(", ", allowed),
                "unknown resolution"));
        }
        else if (model is not null && !model.Resolutions.Contains(request.Resolution, StringComparer.Ordinal))
        {
            var richer = Catalog.Models.Where(m => m.Resolutions.Contains(request.Resolution, StringComparer.Ordinal))
                .Select(m => m.Name);
            errors.Add(new(RequestRules.Resolution, "resolution", request.Resolution,
                $"{string.Join(", ", model.Resolutions)} on {model.Name}",
                $"{model.Name} does not render {request.Resolution}; {request.Resolution} needs {string.Join(" or ", richer)}"));
        }

        // R7
        if (request.Seed is { } seed && seed is < VideoDefaults.MinSeed or > VideoDefaults.MaxSeed)
        {
            errors.Add(new(RequestRules.Seed, "seed", Text(seed),
                $"an integer from {VideoDefaults.MinSeed} to {VideoDefaults.MaxSeed}", "seed is out of range"));
        }

        // R9
        if (request.Tools is { } tools)
        {
            for (var i = 0; i < tools.Count; i++)
            {
                var type = tools[i]?.Type;
                if (!VideoTools.All.Contains(type, StringComparer.Ordinal))
                {
                    errors.Add(new(RequestRules.Tools, $"tools[{i}].type", type, "web_search", "unknown tool type"));
                }
            }
        }

        // R10
        var maxImages = model?.MaxImages ?? VideoDefaults.MaxImageUrls;
        if (images > maxImages)
        {
            errors.Add(new(RequestRules.ImageCount, "image_urls", $"{images} images", $"at most {maxImages} images{On(model)}",
                "too many images"));
        }

        // R11
        if (images > 0 && roleImages > 0)
        {
            errors.Add(new(RequestRules.ImagesExclusive, "image_with_roles", $"{roleImages} images beside {images} in image_urls",
                "either image_urls or image_with_roles, not both", "image_urls and image_with_roles cannot be combined"));
        }

        // R12 and R13
        var hasFrameImage = false;
        if (request.ImageWithRoles is { } roles)
        {
            for (var i = 0; i < roles.Count; i++)
            {
                var item = roles[i];
                if (item is null)
                {
                    errors.Add(new(RequestRules.ImageRoles, $"image_with_roles[{i}]", null, "an object with url and role",
                        "the item is empty"));
                    continue;
                }

                if (string.IsNullOrWhiteSpace(item.Url))
                {
                    errors.Add(new(RequestRules.ImageRoles, $"image_with_roles[{i}].url", item.Url, HttpAllowed, "the image URL is missing"));
                }

                if (!ImageRoles.All.Contains(item.Role, StringComparer.Ordinal))
                {
                    errors.Add(new(RequestRules.ImageRoles, $"image_with_roles[{i}].role", item.Role, string.Join(", ", ImageRoles.All),
                        item.Role is null ? "the role is missing" : "unknown role"));
                }
                else if (item.Role is ImageRoles.FirstFrame or ImageRoles.LastFrame)
                {
                    hasFrameImage = true;
                }
            }
        }

        if (hasFrameImage && videos > 0)
        {
            errors.Add(new(RequestRules.FrameExcludesMedia, "video_urls", $"{videos} videos",
                "no video_urls when image_with_roles has a first_frame or last_frame image",
                "reference videos cannot be combined with first/last frame images"));
        }

        if (hasFrameImage && audios > 0)
        {
            errors.Add(new(RequestRules.FrameExcludesMedia, "audio_urls", $"{audios} clips",
                "no audio_urls when image_with_roles has a first_frame or last_frame image",
                "reference audio cannot be combined with first/last frame images"));
        }

        // R14
        var maxVideos = model?.MaxVideos ?? VideoDefaults.MaxVideoUrls;
        if (videos > maxVideos)
        {
            errors.Add(new(RequestRules.Videos, "video_urls", $"{videos} videos", $"at most {maxVideos} videos{On(model)}",
                "too many reference videos"));
        }

        // R15
        var maxAudios = model?.MaxAudios ?? VideoDefaults.MaxAudioUrls;
        if (audios > maxAudios)
        {
            errors.Add(new(RequestRules.Audio, "audio_urls", $"{audios} clips", $"at most {maxAudios} clips{On(model)}",
                "too many reference audio clips"));
        }

        if (audios > 0 && images + roleImages + videos == 0 && model is not { AudioOnlyReferences: true })
        {
            errors.Add(new(RequestRules.Audio, "audio_urls", $"{audios} clips and no image or video",
                "audio_urls together with at least one image (image_urls or image_with_roles) or video (video_urls)",
                "reference audio needs a reference image or video beside it"));
        }

        // R16
        CheckUrls("image_urls", request.ImageUrls, model, errors);
        if (request.ImageWithRoles is { } withRoles)
        {
            for (var i = 0; i < withRoles.Count; i++)
            {
                if (!string.IsNullOrWhiteSpace(withRoles[i]?.Url))
                {
                    CheckUrl($"image_with_roles[{i}].url", withRoles[i]!.Url!, model, errors);
                }
            }
        }

        CheckUrls("video_urls", request.VideoUrls, model, errors);
        CheckUrls("audio_urls", request.AudioUrls, model, errors);

        // R17, R18: fields only some models have.
        CheckChoice(RequestRules.OutputFormat, "output_format", request.OutputFormat, model, model?.OutputFormats, errors);
        CheckChoice(RequestRules.ReferenceTaskType, "omni_reference_task_type", request.OmniReferenceTaskType, model, model?.ReferenceTaskTypes, errors);
        if (request.OmniReferenceTaskType is "extend" or "edit" && videos == 0 && model?.ReferenceTaskTypes.Count > 0)
        {
            errors.Add(new(RequestRules.ReferenceTaskType, "video_urls", "no videos",
                $"the source clip in video_urls when omni_reference_task_type is {request.OmniReferenceTaskType}",
                "the clip to extend or edit is missing"));
        }

        return new ValidationResult(errors, warnings);
    }

    private static void CheckPrompt(VideoGenerationRequest request, ModelInfo? model, int mediaCount,
        List<Violation> errors, List<Violation> warnings)
    {
        // R2
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            if (mediaCount == 0)
            {
                errors.Add(new(RequestRules.PromptRequired, "prompt", request.Prompt is null ? null : "\"\"",
                    "a text description (required when no image_urls, image_with_roles or video_urls are given)",
                    "prompt is required for text-to-video"));
            }

            return;
        }

        // R3: the provider counts characters; count code points so emoji are not counted twice.
        var length = CountCodePoints(request.Prompt);
        if (model?.MaxPromptLength is { } max)
        {
            if (length > max)
            {
                errors.Add(new(RequestRules.PromptLength, "prompt", $"{length} characters", $"at most {max} characters on {model.Name}",
                    "prompt is too long"));
            }

            return;
        }

        if (model is null)
        {
            return;
        }

        var cjk = request.Prompt.Count(IsCjk);
        var words = request.Prompt.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (model.RecommendedMaxCjkCharacters is { } maxCjk && cjk > maxCjk)
        {
            warnings.Add(new(RequestRules.PromptLength, "prompt", $"{cjk} CJK characters",
                $"about {maxCjk} CJK characters or fewer is recommended on {model.Name}",
                "a long prompt spreads the model's attention; details may be dropped"));
        }
        else if (model.RecommendedMaxWords is { } maxWords && words > maxWords)
        {
            warnings.Add(new(RequestRules.PromptLength, "prompt", $"{words} words",
                $"about {maxWords} words or fewer is recommended on {model.Name}",
                "a long prompt spreads the model's attention; details may be dropped"));
        }
    }

    private static void CheckUrls(string parameter, IReadOnlyList<string>? urls, ModelInfo? model, List<Violation> errors)
    {
        if (urls is null)
        {
            return;
        }

        for (var i = 0; i < urls.Count; i++)
        {
            CheckUrl($"{parameter}[{i}]", urls[i], model, errors);
        }
    }

    private static void CheckUrl(string parameter, string? url, ModelInfo? model, List<Violation> errors)
    {
        switch (MediaUrl.Classify(url))
        {
            case MediaUrlKind.Http:
                return;
            case MediaUrlKind.Asset:
                if (model is { SupportsAssetUrls: false })
                {
                    errors.Add(new(RequestRules.MediaUrls, parameter, url, $"an http:// or https:// URL on {model.Name}",
                        $"asset:// URLs do not work on {model.Name}"));
                }

                return;
            default:
                errors.Add(new(RequestRules.MediaUrls, parameter, url, HttpAllowed, "not a usable media URL"));
                return;
        }
    }

    private static void CheckChoice(string rule, string parameter, string? value, ModelInfo? model, IReadOnlyList<string>? allowed,
        List<Violation> errors)
    {
        if (value is null || model is null || (allowed?.Contains(value, StringComparer.Ordinal) ?? false))
        {
            return;
        }

        errors.Add(allowed is { Count: > 0 }
            ? new(rule, parameter, value, $"{string.Join(", ", allowed)} on {model.Name}", $"unknown {parameter}")
            : new(rule, parameter, value, $"nothing: {model.Name} has no {parameter} (leave it out)", $"{model.Name} does not take {parameter}"));
    }

    private static string On(ModelInfo? model) => model is null ? string.Empty : $" on {model.Name}";

    private static int Count<T>(IReadOnlyList<T>? list) => list?.Count ?? 0;

    private static int CountCodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static bool IsCjk(char c) =>
        c is >= '\u3040' and <= '\u30ff' // kana
            or >= '\u3400' and <= '\u4dbf' // CJK extension A
            or >= '\u4e00' and <= '\u9fff' // CJK unified ideographs
            or >= '\uac00' and <= '\ud7af' // Hangul
            or >= '\uf900' and <= '\ufaff'; // compatibility ideographs

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
