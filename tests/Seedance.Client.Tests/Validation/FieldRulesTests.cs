using Seedance.Client.Models;
using Seedance.Client.Requests;
using Seedance.Client.Validation;

namespace Seedance.Client.Tests.Validation;

/// <summary>The single-field rules the validator reads from the catalogue rows, where they differ from a plain "range or values" check.</summary>
public sealed class FieldRulesTests
{
    private static readonly VideoGenerationRequest Base = new() { Prompt = "a kitten yawns at the camera" };

    [Fact]
    public void Validate_MoreRoleImagesThanTheImageLimit_RefusedWithTheLimitReadThroughModelLimits()
    {
        // The request's model decides (its own count, from its facts), and the refusal names it.
        Assert.True(ModelCatalog.Default.TryGet(Base.Model, out var model));
        var max = (int)ModelLimits.Images(model).Max;
        var images = Enumerable.Range(0, max + 1).Select(i => new ImageWithRole { Url = $"https://e.com/{i}.png", Role = ImageRoles.ReferenceImage }).ToArray();

        var result = new RequestValidator().Validate(Base with { ImageWithRoles = images });

        var violation = Assert.Single(result.Violations);
        Assert.Equal(("image_with_roles", $"{max + 1} images", $"at most {max} images on {model.Name}"), (violation.Parameter, violation.Value, violation.Allowed));
    }

    [Fact]
    public void Validate_ToolsAboveTheSchemasCap_NotRefused_TheProviderStatesNoCount()
    {
        var result = new RequestValidator().Validate(Base with { Tools = [VideoTool.WebSearch, VideoTool.WebSearch] });

        Assert.True(result.IsValid, string.Join("; ", result.Violations));
        Assert.Equal(VideoLimits.MaxTools, RequestFields.Tools.SchemaMaxItems);
    }

    [Fact]
    public void Validate_MissingRequiredText_SaysWhatIsAllowed_FromTheRow()
    {
        var result = new RequestValidator().Validate(Base with { Size = null!, ImageWithRoles = [new ImageWithRole { Url = " " }] });

        Assert.Equal(
        [
            ("size", "unknown aspect ratio", string.Join(", ", VideoSizes.All)),
            ("image_with_roles[0].url", "the image URL is missing", "an http:// or https:// URL, or asset://<id>"),
            ("image_with_roles[0].role", "the role is missing", string.Join(", ", ImageRoles.All)),
        ], result.Violations.Select(v => (v.Parameter, v.Message, v.Allowed)));
    }
}
