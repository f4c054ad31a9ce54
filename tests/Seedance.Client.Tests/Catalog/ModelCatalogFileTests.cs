using Seedance.Client.Models;
using Seedance.Client.Requests;
using Seedance.Client.Validation;

namespace Seedance.Client.Tests.Catalog;

/// <summary>The shipped catalogue file and the per-model rules read from it.</summary>
public sealed class ModelCatalogFileTests
{
    private static readonly RequestValidator Validator = new();
    private static readonly VideoGenerationRequest On25 = new() { Prompt = "a kite over dunes", Model = "seedance-2.5" };

    [Fact]
    public void Default_EveryModelAndPrice_HasSourceAndDate()
    {
        Assert.Equal(["doubao-seedance-2.0", "doubao-seedance-2.0-fast", "doubao-seedance-2.0-mini", "seedance-2.5"], ModelCatalog.Default.Names);
        Assert.All(ModelCatalog.Default.Models, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m.LimitsSource), m.Name);
            Assert.Matches(@"^\d{4}-\d{2}", m.LimitsCheckedOn ?? string.Empty);
            Assert.All(m.Prices, p => Assert.False(string.IsNullOrWhiteSpace(p.Source) || string.IsNullOrWhiteSpace(p.CheckedOn), m.Name));
        });
    }

    [Fact]
    public void Default_Seedance25_IsReportedWithBothIds()
    {
        Assert.True(ModelCatalog.Default.TryGet("doubao-seedance-2.5", out var byAlias));
        Assert.Equal("seedance-2.5", byAlias.Name);
        Assert.True(byAlias.LimitsReported);
        Assert.Contains("reported", byAlias.Prices[0].Source, StringComparison.Ordinal);
        Assert.Equal((4, 30, 30), (byAlias.MinDuration, byAlias.MaxDuration, byAlias.AutoDurationSeconds));
        Assert.Contains("doubao-seedance-2.5", ModelCatalog.Default.AcceptedIds);
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(4, true)]
    [InlineData(-1, true)]
    [InlineData(31, false)]
    [InlineData(3, false)]
    [InlineData(0, false)]
    public void Validate_DurationOn25_FollowsItsRange(int seconds, bool valid)
    {
        var result = Validator.Validate(On25 with { Duration = seconds });

        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            var violation = Assert.Single(result.Violations);
            Assert.Equal("duration", violation.Parameter);
            Assert.Contains("from 4 to 30", violation.Allowed, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(16)]
    public void Validate_DurationOn20_StaysFourToFifteen(int seconds)
    {
        var violation = Assert.Single(Validator.Validate(new VideoGenerationRequest { Prompt = "x", Duration = seconds }).Violations);

        Assert.Equal("an integer from 4 to 15 (seconds) on doubao-seedance-2.0", violation.Allowed);
    }

    [Fact]
    public void Validate_ReferenceCounts_FollowTheModel()
    {
        var images = Enumerable.Range(1, 30).Select(i => $"https://example.com/{i}.png").ToArray();

        Assert.True(Validator.Validate(On25 with { ImageUrls = images, AudioUrls = ["https://example.com/a.mp3"] }).IsValid);
        var on20 = Assert.Single(Validator.Validate(new VideoGenerationRequest { Prompt = "x", ImageUrls = images }).Violations);
        Assert.Equal("at most 9 images on doubao-seedance-2.0", on20.Allowed);
        Assert.True(Validator.Validate(On25 with { AudioUrls = ["https://example.com/a.mp3"] }).IsValid);
    }

    [Fact]
    public void Validate_OutputFormatAndTaskType_OnlyWhereOffered()
    {
        Assert.True(Validator.Validate(On25 with { OutputFormat = "mov" }).IsValid);
        var avi = Assert.Single(Validator.Validate(On25 with { OutputFormat = "avi" }).Violations);
        Assert.Equal(("output_format", "avi", "mp4, mov on seedance-2.5"), (avi.Parameter, avi.Value, avi.Allowed));
        var on20 = Assert.Single(Validator.Validate(new VideoGenerationRequest { Prompt = "x", OutputFormat = "mp4" }).Violations);
        Assert.Equal(RequestRules.OutputFormat, on20.Rule);
        var extend = Assert.Single(Validator.Validate(On25 with { OmniReferenceTaskType = "extend" }).Violations);
        Assert.Equal("video_urls", extend.Parameter);
        Assert.True(Validator.Validate(On25 with { OmniReferenceTaskType = "extend", VideoUrls = ["https://example.com/v.mp4"] }).IsValid);
    }

    [Fact]
    public void Prepare_AliasOf25_SentUnderTheCatalogueName()
    {
        var client = SeedanceClient.Create(new SeedanceClientOptions { ApiKey = "sk-test" });

        var prepared = client.Prepare(On25 with { Model = "doubao-seedance-2.5" });

        Assert.Contains("\"model\":\"seedance-2.5\"", prepared.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_FollowsLiveCatalogue_WhenReplaced()
    {
        var live = new LiveModelCatalog(ModelCatalog.Default);
        var validator = new RequestValidator(live);
        Assert.True(validator.Validate(new VideoGenerationRequest { Prompt = "x", Duration = 15 }).IsValid);

        live.Replace(ModelCatalog.Default.With([ModelCatalog.Default.Models[0] with { MaxDuration = 12 }]), DateTimeOffset.UnixEpoch);

        var violation = Assert.Single(validator.Validate(new VideoGenerationRequest { Prompt = "x", Duration = 15 }).Violations);
        Assert.Contains("from 4 to 12", violation.Allowed, StringComparison.Ordinal);
    }
}
