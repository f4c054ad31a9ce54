using Seedance.Client.Models;

namespace Seedance.Client.Tests.Catalog;

/// <summary>Reading the provider's model facts and laying them over the catalogue: the provider wins, unreadable answers change nothing.</summary>
public sealed class ProviderModelFactsTests
{
    private static readonly DateTimeOffset ReadAt = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private static ModelCatalog Merge(string? list, Dictionary<string, string>? schemas = null, Dictionary<string, string>? prices = null,
        List<string>? differences = null) =>
        ProviderModelFacts.Merge(ModelCatalog.Default,
            new ProviderSnapshot { ReadAt = ReadAt, ModelList = list, Schemas = schemas ?? [], Prices = prices ?? [] }, differences ?? []);

    [Fact]
    public void Merge_SchemaWithOneOfAndMinusOne_ReadsRangeAndAuto()
    {
        const string schema = """
            {"model":"seedance-2.5","input_schema":{"type":"object","properties":{
              "duration":{"oneOf":[{"type":"integer","minimum":5,"maximum":25},{"const":-1}]},
              "resolution":{"enum":["720p","1080p"]},"image_urls":{"maxItems":20},"output_format":{"enum":["mp4"]}}},
             "schema_version":"7"}
            """;
        var differences = new List<string>();

        var merged = Merge(null, new() { ["seedance-2.5"] = schema }, differences: differences);

        Assert.True(merged.TryGet("seedance-2.5", out var model));
        Assert.Equal((5, 25, true), (model.MinDuration, model.MaxDuration, model.AutoDurationSeconds is not null));
        Assert.Equal(["720p", "1080p"], model.Resolutions);
        Assert.Equal(20, model.MaxImages);
        Assert.Equal(["mp4"], model.OutputFormats);
        // The schema lists the fields: one it leaves out is not taken.
        Assert.Empty(model.ReferenceTaskTypes);
        Assert.False(model.LimitsReported);
        Assert.Equal(("provider model-schema (schema_version 7)", "2026-12-03"), (model.LimitsSource, model.LimitsCheckedOn));
        Assert.Contains(differences, d => d.StartsWith("seedance-2.5: duration", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("<html>maintenance</html>")]
    [InlineData("{\"error\":{\"code\":500}}")]
    [InlineData("{\"input_schema\":{\"properties\":{\"duration\":{\"type\":\"integer\"}}}}")]
    [InlineData("[]")]
    public void Merge_UnreadableOrSilentAnswers_LeaveTheShippedLimits(string answer)
    {
        var merged = Merge(answer, new() { ["doubao-seedance-2.0"] = answer }, new() { ["doubao-seedance-2.0"] = answer });

        Assert.True(merged.TryGet("doubao-seedance-2.0", out var model));
        Assert.Equal((4, 15), (model.MinDuration, model.MaxDuration));
        Assert.Equal(0.1952m, model.PriceAt("720p")!.UsdPerSecond);
        Assert.Equal(ModelCatalog.Default.Names, merged.Names);
    }

    [Fact]
    public void Merge_Pricing_ProviderPriceWinsWithItsSourceAndDiscount()
    {
        const string pricing = """{"success":true,"data":{"model_name":"doubao-seedance-2.0","billing_type":"per_second","discount_rate":0.5,"resolution_prices":{"720p":"0.5","480p":0.1814}}}""";
        var differences = new List<string>();

        var merged = Merge(null, prices: new() { ["doubao-seedance-2.0"] = pricing }, differences: differences);

        Assert.True(merged.TryGet("doubao-seedance-2.0", out var model));
        Assert.Equal(0.25m, model.PriceAt("720p")!.UsdPerSecond);
        Assert.Equal(0.0907m, model.PriceAt("480p")!.UsdPerSecond);
        Assert.Equal(("provider pricing", "2026-12-03"), (model.PriceAt("720p")!.Source, model.PriceAt("720p")!.CheckedOn));
        Assert.Single(differences);
        Assert.Contains("$0.1952/s", differences[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_ListedUnknownModel_UsableOnlyWithAReadableSchema()
    {
        const string list = """{"object":"list","data":[{"id":"doubao-seedance-2.0"},{"id":"seedance-3.0"},{"id":"seedance-4.0"},{"id":"gpt-4o"}]}""";
        const string schema = """{"input_schema":{"properties":{"duration":{"minimum":4,"maximum":20},"resolution":{"enum":["720p"]}}}}""";

        var merged = Merge(list, new() { ["seedance-3.0"] = schema });

        Assert.True(merged.TryGet("seedance-3.0", out var added));
        Assert.Equal(20, added.MaxDuration);
        Assert.Equal(["720p"], added.Resolutions);
        Assert.False(merged.TryGet("seedance-4.0", out _));
        Assert.False(merged.TryGet("gpt-4o", out _));
    }

    [Fact]
    public void Merge_ProviderListsTheAlias_TheAliasBecomesTheNameSent()
    {
        const string list = """{"data":[{"id":"doubao-seedance-2.0"},{"id":"doubao-seedance-2.5"}]}""";

        var merged = Merge(list);

        Assert.True(merged.TryGet("seedance-2.5", out var model));
        Assert.Equal("doubao-seedance-2.5", model.Name);
        Assert.Equal(["seedance-2.5"], model.Aliases);
    }

    [Fact]
    public async Task GetModelSchemaJson_AnswerEchoingTheKey_ComesBackWithoutIt()
    {
        var handler = new Infrastructure.StubHandler().Then(System.Net.HttpStatusCode.OK,
            $$$"""{"model":"x","input_schema":{"properties":{}},"note":"Authorization: Bearer {{{Infrastructure.TestClients.ApiKey}}}"}""");
        var client = Infrastructure.TestClients.Create(handler);

        var json = await client.GetModelSchemaJsonAsync("doubao-seedance-2.0", null);

        // What is read is cached in the journal: the key must never reach it.
        Assert.DoesNotContain(Infrastructure.TestClients.ApiKey, json, StringComparison.Ordinal);
        Assert.Contains("/v1/model-schema", handler.Requests.Single().Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("operation=video_generation", handler.Requests.Single().Uri.Query, StringComparison.Ordinal);
    }
}
