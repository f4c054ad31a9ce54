using System.Text.Json;
using Seedance.Client.Requests;
using Seedance.Client.Serialization;
using Seedance.Sandbox.Endpoints;

namespace Seedance.Sandbox.Tests;

/// <summary>The sandbox's type checks come from the request record's metadata, not a list of its own.</summary>
public sealed class RequestReaderTests
{
    [Fact]
    public void PropertiesOf_Request_CoversEveryField()
    {
        var info = SeedanceJson.Options.GetTypeInfo(typeof(VideoGenerationRequest));

        var fields = ExpectedJson.PropertiesOf(info);

        Assert.Equal(info.Properties.Select(p => p.Name).Order(), fields.Keys.Order());
        Assert.Equal("a string", fields["model"].Description);
        Assert.Equal("an integer", fields["duration"].Description);
        Assert.Equal("an integer", fields["seed"].Description);
        Assert.Equal("a boolean", fields["return_last_frame"].Description);
        Assert.Equal("an array of strings", fields["image_urls"].Description);
        Assert.Equal("an array of objects", fields["image_with_roles"].Description);
        Assert.Equal("an array of objects", fields["tools"].Description);
    }

    [Theory]
    [InlineData("""{"model":1}""", "model must be a string")]
    [InlineData("""{"model":"m","duration":5.5}""", "duration must be an integer")]
    [InlineData("""{"model":"m","seed":"7"}""", "seed must be an integer")]
    [InlineData("""{"model":"m","return_last_frame":1}""", "return_last_frame must be a boolean")]
    [InlineData("""{"model":"m","video_urls":"https://a"}""", "video_urls must be an array of strings")]
    [InlineData("""{"model":"m","audio_urls":[1]}""", "audio_urls must be an array of strings")]
    [InlineData("""{"model":"m","tools":["web_search"]}""", "tools must be an array of objects")]
    [InlineData("""{"model":"m","image_with_roles":[{"url":1,"role":"first_frame"}]}""", "image_with_roles items need string url and role")]
    public void Read_WrongJsonType_NamesFieldAndType(string body, string expected)
    {
        var (request, problems) = SandboxRequestReader.Read(body);

        Assert.Null(request);
        Assert.Contains(expected, problems);
    }

    [Fact]
    public void Read_NullsAndUnknownFields_Accepted()
    {
        var (request, problems) = SandboxRequestReader.Read("""{"model":"doubao-seedance-2.0","prompt":"x","seed":null,"extra":{"a":1}}""");

        Assert.Empty(problems);
        Assert.Equal("x", request!.Prompt);
    }

    [Fact]
    public void Read_EveryProviderShapedBody_Accepted()
    {
        var body = JsonSerializer.Serialize(new VideoGenerationRequest
        {
            Prompt = "x",
            Seed = 4294967295,
            ReturnLastFrame = true,
            Tools = [VideoTool.WebSearch],
            ImageWithRoles = [new() { Url = "https://a/b.png", Role = "first_frame" }],
            VideoUrls = ["https://a/v.mp4"],
        }, SeedanceJson.Options);

        var (request, problems) = SandboxRequestReader.Read(body);

        Assert.Empty(problems);
        Assert.NotNull(request);
    }
}
