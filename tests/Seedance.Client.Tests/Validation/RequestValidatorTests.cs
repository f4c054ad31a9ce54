using Seedance.Client.Models;
using Seedance.Client.Requests;
using Seedance.Client.Validation;

namespace Seedance.Client.Tests.Validation;

public sealed class RequestValidatorTests
{
    private static readonly RequestValidator Validator = new();
    private static readonly VideoGenerationRequest Base = new() { Prompt = "a kitten yawns at the camera" };

    private static ValidationResult Check(VideoGenerationRequest request) => Validator.Validate(request);

    private static Violation Single(VideoGenerationRequest request, string rule)
    {
        var result = Check(request);
        var violation = Assert.Single(result.Violations);
        Assert.Equal(rule, violation.Rule);
        return violation;
    }

    [Theory]
    [InlineData("doubao-seedance-2.0")]
    [InlineData("doubao-seedance-2.0-fast")]
    [InlineData("doubao-seedance-2.0-mini")]
    public void Validate_KnownModel_Accepted(string model) => Assert.True(Check(Base with { Model = model }).IsValid);

    [Theory]
    [InlineData("seedance-2.0")]
    [InlineData("Doubao-Seedance-2.0")]
    [InlineData("")]
    public void Validate_UnknownModel_R1NamesAllowedModels(string model)
    {
        var violation = Single(Base with { Model = model }, "R1");

        Assert.Equal("model", violation.Parameter);
        Assert.Equal(model, violation.Value);
        Assert.Contains("doubao-seedance-2.0-fast", violation.Allowed, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CatalogExtendedWithNewModel_AcceptsIt()
    {
        var catalog = ModelCatalog.Default.With([new ModelInfo { Name = "doubao-seedance-2.1", Resolutions = ["720p", "1080p"], SupportsAssetUrls = true }]);

        var result = new RequestValidator(catalog).Validate(Base with { Model = "doubao-seedance-2.1", Resolution = "1080p" });

        Assert.True(result.IsValid);
        Assert.Contains("doubao-seedance-2.1", catalog.Names);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_NoPromptAndNoMedia_R2(string? prompt) =>
        Assert.Equal("prompt", Single(Base with { Prompt = prompt }, "R2").Parameter);

    [Fact]
    public void Validate_NoPromptWithImage_Accepted() =>
        Assert.True(Check(Base with { Prompt = null, ImageUrls = ["https://example.com/cat.jpg"] }).IsValid);

    [Fact]
    public void Validate_NoPromptWithVideo_Accepted() =>
        Assert.True(Check(Base with { Prompt = null, VideoUrls = ["https://example.com/ref.mp4"] }).IsValid);

    [Fact]
    public void Validate_Prompt4000Characters_Accepted() =>
        Assert.True(Check(Base with { Prompt = new string('a', 4000) }).IsValid);

    [Fact]
    public void Validate_Prompt4001Characters_R3()
    {
        var violation = Single(Base with { Prompt = new string('猫', 4001) }, "R3");

        Assert.Equal("4001 characters", violation.Value);
        Assert.Contains("4000", violation.Allowed, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PromptOfEmojiCountsCodePoints()
    {
        // 4000 emoji are 8000 UTF-16 units but 4000 characters.
        Assert.True(Check(Base with { Prompt = string.Concat(Enumerable.Repeat("🐱", 4000)) }).IsValid);
    }

    [Fact]
    public void Validate_LongPromptOnMini_WarnsButAccepts()
    {
        var result = Check(Base with { Model = SeedanceModels.Mini, Prompt = new string('猫', 6000) });

        Assert.True(result.IsValid);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("R3", warning.Rule);
        Assert.Equal("prompt", warning.Parameter);
    }

    [Fact]
    public void Validate_ManyEnglishWordsOnMini_Warns()
    {
        var prompt = string.Join(' ', Enumerable.Repeat("cat", 1001));

        var result = Check(Base with { Model = SeedanceModels.Mini, Prompt = prompt });

        Assert.True(result.IsValid);
        Assert.Contains("1001 words", Assert.Single(result.Warnings).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ShortPromptOnMini_NoWarning() =>
        Assert.Empty(Check(Base with { Model = SeedanceModels.Mini }).Warnings);

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(15)]
    public void Validate_DurationInRange_Accepted(int duration) => Assert.True(Check(Base with { Duration = duration }).IsValid);

    [Theory]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(30)]
    [InlineData(0)]
    [InlineData(-5)]
    public void Validate_DurationOutOfRange_R4(int duration)
    {
        var violation = Single(Base with { Duration = duration }, "R4");

        Assert.Equal("duration", violation.Parameter);
        Assert.Contains("4 to 15", violation.Allowed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("16:9")]
    [InlineData("9:16")]
    [InlineData("1:1")]
    [InlineData("4:3")]
    [InlineData("3:4")]
    [InlineData("21:9")]
    [InlineData("adaptive")]
    public void Validate_KnownSize_Accepted(string size) => Assert.True(Check(Base with { Size = size }).IsValid);

    [Theory]
    [InlineData("16x9")]
    [InlineData("1920x1080")]
    [InlineData("Adaptive")]
    [InlineData("")]
    public void Validate_UnknownSize_R5(string size)
    {
        var violation = Single(Base with { Size = size }, "R5");

        Assert.Equal(size, violation.Value);
        Assert.Contains("9:16", violation.Allowed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("doubao-seedance-2.0", "4k")]
    [InlineData("doubao-seedance-2.0", "1080p")]
    [InlineData("doubao-seedance-2.0-fast", "720p")]
    [InlineData("doubao-seedance-2.0-mini", "480p")]
    public void Validate_ResolutionTheModelRenders_Accepted(string model, string resolution) =>
        Assert.True(Check(Base with { Model = model, Resolution = resolution }).IsValid);

    [Theory]
    [InlineData("doubao-seedance-2.0-fast", "1080p")]
    [InlineData("doubao-seedance-2.0-fast", "4k")]
    [InlineData("doubao-seedance-2.0-mini", "4k")]
    public void Validate_ResolutionOnlyOnStandard_R6NamesTheModelThatCan(string model, string resolution)
    {
        var violation = Single(Base with { Model = model, Resolution = resolution }, "R6");

        Assert.Equal("resolution", violation.Parameter);
        Assert.Contains("doubao-seedance-2.0", violation.Message, StringComparison.Ordinal);
        Assert.Contains("480p, 720p", violation.Allowed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("720P")]
    [InlineData("1440p")]
    public void Validate_UnknownResolution_R6(string resolution) => Single(Base with { Resolution = resolution }, "R6");

    [Theory]
    [InlineData(-1L)]
    [InlineData(0L)]
    [InlineData(42L)]
    [InlineData(4294967295L)]
    public void Validate_SeedInRange_Accepted(long seed) => Assert.True(Check(Base with { Seed = seed }).IsValid);

    [Theory]
    [InlineData(-2L)]
    [InlineData(4294967296L)]
    public void Validate_SeedOutOfRange_R7(long seed) => Single(Base with { Seed = seed }, "R7");

    [Fact]
    public void Validate_WebSearchTool_Accepted() => Assert.True(Check(Base with { Tools = [VideoTool.WebSearch] }).IsValid);

    [Fact]
    public void Validate_UnknownTool_R9NamesIndex()
    {
        var violation = Single(Base with { Tools = [VideoTool.WebSearch, new VideoTool { Type = "code_interpreter" }] }, "R9");

        Assert.Equal("tools[1].type", violation.Parameter);
        Assert.Equal("web_search", violation.Allowed);
    }

    [Fact]
    public void Validate_NineImages_Accepted() =>
        Assert.True(Check(Base with { ImageUrls = Images(9) }).IsValid);

    [Fact]
    public void Validate_TenImages_R10() => Assert.Equal("image_urls", Single(Base with { ImageUrls = Images(10) }, "R10").Parameter);

    [Fact]
    public void Validate_ImageUrlsAndImageWithRoles_R11()
    {
        var request = Base with
        {
            ImageUrls = Images(1),
            ImageWithRoles = [new ImageWithRole { Url = "https://example.com/a.jpg", Role = ImageRoles.ReferenceImage }],
        };

        Single(request, "R11");
    }

    [Fact]
    public void Validate_EmptyImageUrlsBesideImageWithRoles_Accepted()
    {
        var request = Base with
        {
            ImageUrls = [],
            ImageWithRoles = [new ImageWithRole { Url = "https://example.com/a.jpg", Role = ImageRoles.FirstFrame }],
        };

        Assert.True(Check(request).IsValid);
    }

    [Fact]
    public void Validate_UnknownRole_R12NamesItemPath()
    {
        var request = Base with
        {
            ImageWithRoles =
            [
                new ImageWithRole { Url = "https://example.com/a.jpg", Role = ImageRoles.FirstFrame },
                new ImageWithRole { Url = "https://example.com/b.jpg", Role = "middle_frame" },
            ],
        };

        var violation = Single(request, "R12");

        Assert.Equal("image_with_roles[1].role", violation.Parameter);
        Assert.Equal("middle_frame", violation.Value);
        Assert.Equal("first_frame, last_frame, reference_image", violation.Allowed);
    }

    [Fact]
    public void Validate_RoleImageWithoutUrl_R12() =>
        Assert.Equal("image_with_roles[0].url",
            Single(Base with { ImageWithRoles = [new ImageWithRole { Role = ImageRoles.FirstFrame }] }, "R12").Parameter);

    [Theory]
    [InlineData("first_frame")]
    [InlineData("last_frame")]
    public void Validate_FrameImageWithVideoAndAudio_R13Twice(string role)
    {
        var request = Base with
        {
            ImageWithRoles = [new ImageWithRole { Url = "https://example.com/a.jpg", Role = role }],
            VideoUrls = ["https://example.com/v.mp4"],
            AudioUrls = ["https://example.com/a.wav"],
        };

        var result = Check(request);

        Assert.Equal(["R13", "R13"], result.Violations.Select(v => v.Rule));
        Assert.Equal(["video_urls", "audio_urls"], result.Violations.Select(v => v.Parameter));
    }

    [Fact]
    public void Validate_ReferenceImageWithVideoAndAudio_Accepted()
    {
        var request = Base with
        {
            ImageWithRoles = [new ImageWithRole { Url = "asset://asset_a", Role = ImageRoles.ReferenceImage }],
            VideoUrls = ["https://example.com/v.mp4"],
            AudioUrls = ["https://example.com/a.wav"],
        };

        Assert.True(Check(request).IsValid);
    }

    [Fact]
    public void Validate_ThreeVideos_Accepted() =>
        Assert.True(Check(Base with { VideoUrls = ["https://e.com/1.mp4", "https://e.com/2.mp4", "https://e.com/3.mp4"] }).IsValid);

    [Fact]
    public void Validate_FourVideos_R14() =>
        Single(Base with { VideoUrls = ["https://e.com/1.mp4", "https://e.com/2.mp4", "https://e.com/3.mp4", "https://e.com/4.mp4"] }, "R14");

    [Fact]
    public void Validate_FourAudioClips_R15()
    {
        var violation = Single(Base with { ImageUrls = Images(1), AudioUrls = ["https://e.com/1.wav", "https://e.com/2.wav", "https://e.com/3.wav", "https://e.com/4.wav"] }, "R15");

        Assert.Contains("at most 3", violation.Allowed, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AudioAlone_R15()
    {
        var violation = Single(Base with { AudioUrls = ["https://e.com/a.wav"] }, "R15");

        Assert.Equal("audio_urls", violation.Parameter);
        Assert.Contains("image", violation.Allowed, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AudioWithVideo_Accepted() =>
        Assert.True(Check(Base with { VideoUrls = ["https://e.com/v.mp4"], AudioUrls = ["https://e.com/a.wav"] }).IsValid);

    [Theory]
    [InlineData("ftp://example.com/cat.jpg")]
    [InlineData("/home/me/cat.jpg")]
    [InlineData("data:image/png;base64,iVBORw0KGgo=")]
    [InlineData("asset://")]
    [InlineData("example.com/cat.jpg")]
    [InlineData("")]
    public void Validate_UnusableMediaUrl_R16(string url)
    {
        var violation = Single(Base with { ImageUrls = [url] }, "R16");

        Assert.Equal("image_urls[0]", violation.Parameter);
    }

    [Theory]
    [InlineData("doubao-seedance-2.0")]
    [InlineData("doubao-seedance-2.0-fast")]
    public void Validate_AssetUrlOnModelsThatSupportIt_Accepted(string model) =>
        Assert.True(Check(Base with { Model = model, ImageUrls = ["asset://asset_a"] }).IsValid);

    [Fact]
    public void Validate_AssetUrlOnMini_R16ForEveryPlace()
    {
        var request = Base with
        {
            Model = SeedanceModels.Mini,
            ImageWithRoles = [new ImageWithRole { Url = "asset://asset_a", Role = ImageRoles.ReferenceImage }],
            VideoUrls = ["asset://asset_b"],
            AudioUrls = ["asset://asset_c"],
        };

        var result = Check(request);

        Assert.Equal(["image_with_roles[0].url", "video_urls[0]", "audio_urls[0]"], result.Violations.Select(v => v.Parameter));
        Assert.All(result.Violations, v => Assert.Equal("R16", v.Rule));
    }

    [Fact]
    public void Validate_ManyProblems_AllReportedAtOnce()
    {
        var request = new VideoGenerationRequest
        {
            Model = "seedance",
            Prompt = null,
            // An unknown model is held to the widest range over the models (30 s on seedance-2.5): 31 is out of it.
            Duration = 31,
            Size = "16x9",
            Resolution = "8k",
            Seed = -7,
            Tools = [new VideoTool { Type = "browser" }],
        };

        var result = Check(request);

        Assert.Equal(["R1", "R2", "R4", "R5", "R6", "R7", "R9"], result.Violations.Select(v => v.Rule));
        var exception = Assert.Throws<SeedanceValidationException>(result.ThrowIfInvalid);
        Assert.Equal(7, exception.Violations.Count);
        Assert.Contains("size: unknown aspect ratio (given: 16x9", exception.Message, StringComparison.Ordinal);
        Assert.Contains("duration", exception.Message, StringComparison.Ordinal);
    }

    private static string[] Images(int count) => Enumerable.Range(1, count).Select(i => $"https://example.com/{i}.jpg").ToArray();
}
