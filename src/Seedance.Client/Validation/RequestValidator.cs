using Seedance.Client.Models;
using Seedance.Client.Requests;

namespace Seedance.Client.Validation;

/// <summary>
/// Checks a <see cref="VideoGenerationRequest"/> against every documented rule (R1–R18) and reports all
/// violations at once. Rules that need the media itself (video and audio lengths) cannot be checked here. Each model is
/// held to its own facts as they are in force now (<see cref="LiveModelCatalog"/>: the provider's, once read).
/// </summary>
public sealed class RequestValidator
{
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

        // One catalogue for the whole request, even if the provider's facts are put in force meanwhile.
        var catalog = Catalog;
        catalog.TryGet(request.Model, out var model);

        // Every single-field rule (R1, R4–R7, R9, R10, R12, R14, R15's count, R16, R17, R18's values) comes from the catalogue's rows.
        foreach (var field in RequestFields.All)
        {
            FieldRules.Check(field, request, field.Name, model, catalog, errors);
        }

        // The rules below join two fields, or a field and the model.
        var images = Count(request.ImageUrls);
        var roleImages = Count(request.ImageWithRoles);
        var videos = Count(request.VideoUrls);
        var audios = Count(request.AudioUrls);

        // R2, R3
        CheckPrompt(request, model, images + roleImages + videos, errors, warnings);

        // R6: a resolution the provider knows, that this model does not render.
        if (model is not null && VideoResolutions.All.Contains(request.Resolution, StringComparer.Ordinal)
            && !model.Resolutions.Contains(request.Resolution, StringComparer.Ordinal))
        {
            var richer = catalog.Models.Where(m => m.Resolutions.Contains(request.Resolution, StringComparer.Ordinal))
                .Select(m => m.Name);
            errors.Add(new(RequestRules.Resolution, "resolution", request.Resolution,
                $"{string.Join(", ", model.Resolutions)} on {model.Name}",
                $"{model.Name} does not render {request.Resolution}; {request.Resolution} needs {string.Join(" or ", richer)}"));
        }

        // R11
        if (images > 0 && roleImages > 0)
        {
            errors.Add(new(RequestRules.ImagesExclusive, "image_with_roles", $"{roleImages} images beside {images} in image_urls",
                "either image_urls or image_with_roles, not both", "image_urls and image_with_roles cannot be combined"));
        }

        // R13
        var hasFrameImage = request.ImageWithRoles?.Any(i => i?.Role is ImageRoles.FirstFrame or ImageRoles.LastFrame) == true;
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

        // R15: audio as the only reference, on the models that do not take it alone.
        if (audios > 0 && images + roleImages + videos == 0 && model is not { AudioOnlyReferences: true })
        {
            errors.Add(new(RequestRules.Audio, "audio_urls", $"{audios} clips and no image or video",
                "audio_urls together with at least one image (image_urls or image_with_roles) or video (video_urls)",
                "reference audio needs a reference image or video beside it"));
        }

        // R18: the provider extends or edits the clip it is given, so there must be one.
        if (request.OmniReferenceTaskType is "extend" or "edit" && videos == 0 && model?.ReferenceTaskTypes.Count > 0)
        {
            errors.Add(new(RequestRules.ReferenceTaskType, "video_urls", "no videos",
                $"the source clip in video_urls when omni_reference_task_type is {request.OmniReferenceTaskType}",
                "the clip to extend or edit is missing"));
        }

        // Reported in rule order (R1 first), each rule's violations in the order the fields were found.
        return new ValidationResult(errors.OrderBy(v => RequestRules.Number(v.Rule)).ToArray(), warnings);
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
}
