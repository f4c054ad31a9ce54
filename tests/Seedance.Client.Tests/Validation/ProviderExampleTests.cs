using System.Text.Json;
using System.Text.Json.Nodes;
using Seedance.Client.Serialization;
using Seedance.Client.Validation;

namespace Seedance.Client.Tests.Validation;

/// <summary>The 13 request bodies of the provider's page are the reference requests.</summary>
public sealed class ProviderExampleTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "ProviderExamples"), "case*.json").Order())
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    private static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ProviderExamples", name));

    [Fact]
    public void Examples_AllThirteenArePresent() => Assert.Equal(13, Examples().Count);

    [Theory]
    [MemberData(nameof(Examples))]
    public void Validate_ProviderExample_IsValidWithoutWarnings(string name)
    {
        var request = SeedanceJson.DeserializeRequest(Read(name))!;

        var result = new RequestValidator().Validate(request);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Violations));
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Serialize_ProviderExample_EqualsPageJsonPlusExplicitDefaults(string name)
    {
        var page = JsonNode.Parse(Read(name))!.AsObject();
        var request = SeedanceJson.DeserializeRequest(page.ToJsonString())!;

        var sent = JsonNode.Parse(SeedanceJson.SerializeRequest(SeedanceClient.Normalize(request)))!.AsObject();

        foreach (var (key, value) in page)
        {
            Assert.True(sent.ContainsKey(key), $"{name}: '{key}' was not sent");
            Assert.True(JsonNode.DeepEquals(value, sent[key]), $"{name}: '{key}' sent as {sent[key]?.ToJsonString()} instead of {value?.ToJsonString()}");
        }

        var defaults = new Dictionary<string, JsonNode>
        {
            ["duration"] = 5,
            ["size"] = "16:9",
            ["resolution"] = "720p",
            ["generate_audio"] = false,
        };
        foreach (var (key, value) in sent)
        {
            if (page.ContainsKey(key))
            {
                continue;
            }

            Assert.True(defaults.TryGetValue(key, out var expected), $"{name}: unexpected extra field '{key}'");
            Assert.True(JsonNode.DeepEquals(expected, value), $"{name}: default '{key}' sent as {value?.ToJsonString()}");
        }

        // duration, size, resolution and generate_audio are always explicit.
        Assert.All(defaults.Keys, key => Assert.True(sent.ContainsKey(key), $"{name}: '{key}' must always be sent"));
    }

    [Fact]
    public void DeserializeRequest_EmptyObject_GetsDocumentedDefaults()
    {
        var request = SeedanceJson.DeserializeRequest("{}")!;

        Assert.Equal("doubao-seedance-2.0", request.Model);
        Assert.Equal(5, request.Duration);
        Assert.Equal("16:9", request.Size);
        Assert.Equal("720p", request.Resolution);
        Assert.False(request.GenerateAudio);
        Assert.Null(request.ReturnLastFrame);
    }

    [Fact]
    public void Serialize_UnsetOptionalFields_AreOmitted()
    {
        var json = JsonDocument.Parse(SeedanceJson.SerializeRequest(new() { Prompt = "a cat" })).RootElement;

        var names = json.EnumerateObject().Select(p => p.Name).Order().ToArray();

        Assert.Equal(["duration", "generate_audio", "model", "prompt", "resolution", "size"], names);
    }
}
