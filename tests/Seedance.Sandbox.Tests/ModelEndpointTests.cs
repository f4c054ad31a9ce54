using System.Net;
using System.Text;
using System.Text.Json;
using Seedance.Client.Models;
using Seedance.Client.Requests;

namespace Seedance.Sandbox.Tests;

/// <summary>The provider's model facts as the sandbox serves them: list, schema, pricing, 2.5's rules, faults and changes.</summary>
public sealed class ModelEndpointTests
{
    private static async Task<JsonElement> GetAsync(HttpClient http, string path)
    {
        var text = await http.GetStringAsync(path);
        return JsonDocument.Parse(text).RootElement;
    }

    private static Task<HttpResponseMessage> SubmitRawAsync(SandboxFixture f, string body) =>
        f.Raw.PostAsync("/v1/videos/generations", new StringContent(body, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Models_ListsSeedanceWith25AndAnotherVendorsModel()
    {
        await using var f = await SandboxFixture.StartAsync();

        var ids = (await GetAsync(f.Raw, "/v1/models")).GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToArray();

        Assert.Contains("seedance-2.5", ids);
        Assert.Contains("doubao-seedance-2.0", ids);
        Assert.Contains("gpt-image-1", ids);
        Assert.Equal(["doubao-seedance-2.0", "doubao-seedance-2.0-fast", "doubao-seedance-2.0-mini", "seedance-2.5"],
            ProviderModelFacts.ReadModelIds(await f.Raw.GetStringAsync("/v1/models")));
    }

    [Fact]
    public async Task ModelSchema_ChangedLimit_SchemaSaysItAndSubmitEnforcesIt()
    {
        await using var f = await SandboxFixture.StartAsync(s => s.ModelChanges.Add("doubao-seedance-2.0:max_duration=12"));

        var schema = await GetAsync(f.Raw, "/v1/model-schema?model=doubao-seedance-2.0&operation=video_generation");
        var fifteen = await SubmitRawAsync(f, """{"model":"doubao-seedance-2.0","prompt":"x","duration":15}""");
        var twelve = await SubmitRawAsync(f, """{"model":"doubao-seedance-2.0","prompt":"x","duration":12}""");

        var duration = schema.GetProperty("input_schema").GetProperty("properties").GetProperty("duration");
        Assert.Equal(12, duration.GetProperty("maximum").GetInt32());
        Assert.Contains("4 to 12", duration.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, fifteen.StatusCode);
        Assert.Contains("from 4 to 12", await fifteen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, twelve.StatusCode);
    }

    [Fact]
    public async Task Submit_25_ThirtySecondsAcceptedThirtyOneRefused_MinusOneChargedWhatTheModelChose()
    {
        await using var f = await SandboxFixture.StartAsync();

        var thirty = await SubmitRawAsync(f, """{"model":"seedance-2.5","prompt":"x","duration":30,"output_format":"mov"}""");
        var thirtyOne = await SubmitRawAsync(f, """{"model":"seedance-2.5","prompt":"x","duration":31}""");
        var chosen = await f.Client.SubmitAsync(new VideoGenerationRequest { Model = "seedance-2.5", Prompt = "x", Duration = -1, Resolution = "480p" });

        Assert.Equal(HttpStatusCode.OK, thirty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, thirtyOne.StatusCode);
        Assert.Contains("from 4 to 30", await thirtyOne.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var task = f.Sandbox.State.Store.Find(chosen.TaskId)!;
        Assert.Equal(0.0961m * 8, task.Cost);
    }

    [Fact]
    public async Task Pricing_AnswersWithoutKey_AndFollowsASetPrice()
    {
        await using var f = await SandboxFixture.StartAsync(s => s.ModelChanges.Add("doubao-seedance-2.0:price_720p=0.25"));
        using var anonymous = new HttpClient { BaseAddress = f.Sandbox.BaseUrl };

        var pricing = await GetAsync(anonymous, "/api/pricing/model?model=doubao-seedance-2.0");
        var unknown = await GetAsync(anonymous, "/api/pricing/model?model=nope");

        Assert.True(pricing.GetProperty("success").GetBoolean());
        Assert.Equal(0.25m, pricing.GetProperty("data").GetProperty("resolution_prices").GetProperty("720p").GetDecimal());
        Assert.Equal(0.0907m, pricing.GetProperty("data").GetProperty("resolution_prices").GetProperty("480p").GetDecimal());
        Assert.False(unknown.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task AddedModel_IsListedDescribedAndAccepted()
    {
        await using var f = await SandboxFixture.StartAsync(s => s.ModelChanges.Add("+seedance-3.0:resolutions=720p|1080p;max_duration=20;price_720p=0.3"));

        var schema = await GetAsync(f.Raw, "/v1/model-schema?model=seedance-3.0&operation=video_generation");
        var accepted = await SubmitRawAsync(f, """{"model":"seedance-3.0","prompt":"x","duration":20,"resolution":"1080p"}""");

        Assert.Equal(["720p", "1080p"], schema.GetProperty("input_schema").GetProperty("properties").GetProperty("resolution").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task ModelFaults_HitOnlyTheModelEndpoints()
    {
        await using var f = await SandboxFixture.StartAsync(s => s.Faults.Add("models/500*2"));
        f.Sandbox.Faults.Add(Faults.FaultRule.Parse("500"));

        var schema = await f.Raw.GetAsync("/v1/model-schema?model=doubao-seedance-2.0");
        var list = await f.Raw.GetAsync("/v1/models");
        var third = await f.Raw.GetAsync("/v1/models");

        Assert.Equal(HttpStatusCode.InternalServerError, schema.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, list.StatusCode);
        // The endpoint-less 500 is left for the provider's task endpoints.
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await f.Raw.GetAsync("/v1/balance")).StatusCode);
    }

    [Fact]
    public async Task ModelSchema_UnknownModel_NotFound()
    {
        await using var f = await SandboxFixture.StartAsync();

        var answer = await f.Raw.GetAsync("/v1/model-schema?model=nope&operation=video_generation");

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }
}
