using System.Net;
using System.Text.Json;
using Seedance.Client.Requests;
using Seedance.Client.Serialization;
using Seedance.Client.Tests.Infrastructure;
using Seedance.Client.Tests.Validation;
using Seedance.Client.Validation;

namespace Seedance.Client.Tests.Http;

/// <summary>The request is serialized once: what <see cref="SeedanceClient.Prepare"/> shows is what goes on the wire.</summary>
public sealed class PrepareTests
{
    public static TheoryData<string> Examples() => ProviderExampleTests.Examples();

    private static string ReadExample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ProviderExamples", name));

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task SubmitAsync_ProviderExample_WireBytesEqualPreparedBody(string name)
    {
        var handler = new StubHandler().Otherwise(HttpStatusCode.OK, ProviderBodies.SubmitArray);
        var client = TestClients.Create(handler);
        var request = SeedanceJson.DeserializeRequest(ReadExample(name))!;

        var prepared = client.Prepare(request, "idem-" + name);
        await client.SubmitAsync(prepared);
        await client.SubmitAsync(request, "idem-" + name);

        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, sent =>
        {
            Assert.Equal(prepared.Body, sent.Body);
            Assert.Equal(prepared.IdempotencyKey, sent.IdempotencyKey);
        });
    }

    public static TheoryData<VideoGenerationRequest> EmptyLists() => new()
    {
        new VideoGenerationRequest { Prompt = "a cat", ImageUrls = [] },
        new VideoGenerationRequest { Prompt = "a cat", ImageWithRoles = [] },
        new VideoGenerationRequest { Prompt = "a cat", VideoUrls = [], AudioUrls = [] },
        new VideoGenerationRequest { Prompt = "a cat", Tools = [], ImageUrls = [], ImageWithRoles = [], VideoUrls = [], AudioUrls = [] },
        new VideoGenerationRequest { Prompt = "  ", ImageUrls = ["https://example.test/a.png"], ImageWithRoles = [] },
    };

    [Theory]
    [MemberData(nameof(EmptyLists))]
    public async Task SubmitAsync_EmptyLists_WireBytesEqualPreparedBodyWithoutThem(VideoGenerationRequest request)
    {
        var handler = new StubHandler().Otherwise(HttpStatusCode.OK, ProviderBodies.SubmitArray);
        var client = TestClients.Create(handler);

        var prepared = client.Prepare(request);
        await client.SubmitAsync(prepared);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(prepared.Body, sent.Body);
        var names = JsonDocument.Parse(sent.Body!).RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.DoesNotContain("tools", names);
        Assert.DoesNotContain("image_with_roles", names);
        Assert.DoesNotContain("video_urls", names);
        Assert.DoesNotContain("audio_urls", names);
        Assert.Equal(request.ImageUrls is { Count: > 0 }, names.Contains("image_urls"));
        Assert.Equal(!string.IsNullOrWhiteSpace(request.Prompt), names.Contains("prompt"));
    }

    [Fact]
    public void Prepare_NormalizesAndExposesTheRequestAsSent()
    {
        var client = TestClients.Create(new StubHandler());

        var prepared = client.Prepare(new VideoGenerationRequest { Prompt = "  ", ImageUrls = ["https://example.test/a.png"], VideoUrls = [] });

        Assert.Null(prepared.Request.Prompt);
        Assert.Null(prepared.Request.VideoUrls);
        Assert.Equal(SeedanceJson.SerializeRequest(prepared.Request), prepared.Body);
    }

    [Fact]
    public void Prepare_NoKeyGiven_MakesADistinctOne()
    {
        var client = TestClients.Create(new StubHandler());
        var request = new VideoGenerationRequest { Prompt = "a cat" };

        var first = client.Prepare(request);
        var second = client.Prepare(request);

        Assert.Matches("^[0-9a-f]{32}$", first.IdempotencyKey);
        Assert.NotEqual(first.IdempotencyKey, second.IdempotencyKey);
        Assert.Equal("given", client.Prepare(request, "given").IdempotencyKey);
    }

    [Fact]
    public void Prepare_InvalidRequest_ThrowsWithEveryViolation()
    {
        var client = TestClients.Create(new StubHandler());

        var ex = Assert.Throws<SeedanceValidationException>(() => client.Prepare(new VideoGenerationRequest { Prompt = "a cat", Duration = 30, Size = "16x9" }));

        Assert.Equal([RequestRules.Duration, RequestRules.Size], ex.Violations.Select(v => v.Rule));
    }

    [Fact]
    public void PrepareValidated_ChecksNothingAgain_BodyAsPrepareMakesIt()
    {
        var client = TestClients.Create(new StubHandler());
        var valid = new VideoGenerationRequest { Prompt = "a cat", ImageUrls = [] };
        var invalid = valid with { Duration = 30 };

        var uncheckedBody = client.PrepareValidated(invalid, idempotencyKey: "k");

        Assert.Contains("\"duration\":30", uncheckedBody.Body, StringComparison.Ordinal);
        Assert.Equal(client.Prepare(valid, "k").Body, client.PrepareValidated(valid, idempotencyKey: "k").Body);
        Assert.Empty(uncheckedBody.Warnings);
    }

    [Fact]
    public async Task Prepare_Warnings_CarriedToTheSubmittedTask()
    {
        var handler = new StubHandler().Otherwise(HttpStatusCode.OK, ProviderBodies.SubmitArray);
        var client = TestClients.Create(handler);
        var words = string.Join(' ', Enumerable.Repeat("word", 1200));

        var prepared = client.Prepare(new VideoGenerationRequest { Model = SeedanceModels.Mini, Prompt = words });
        var submitted = await client.SubmitAsync(prepared);

        Assert.Contains(prepared.Warnings, w => w.Rule == RequestRules.PromptLength);
        Assert.Equal(prepared.Warnings, submitted.Warnings);
    }

    [Fact]
    public async Task Restore_StoredBodyAndKey_ResentByteForByte()
    {
        var handler = new StubHandler().Otherwise(HttpStatusCode.OK, ProviderBodies.SubmitArray);
        var client = TestClients.Create(handler);
        var original = client.Prepare(new VideoGenerationRequest { Prompt = "a cat", Seed = 7 }, "idem-restore");

        var restored = PreparedSubmission.Restore(original.Body, original.IdempotencyKey);
        await client.SubmitAsync(restored);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(original.Body, sent.Body);
        Assert.Equal("idem-restore", sent.IdempotencyKey);
        Assert.Equal(original.Request, restored.Request);
    }
}
