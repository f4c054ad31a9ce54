using System.Text.Json;
using Seedance.Agents.Parameters;
using Seedance.Agents.Tools;
using Seedance.Client.Models;
using Seedance.Client.Requests;
using Seedance.Client.Serialization;

namespace Seedance.Agents.Tests;

/// <summary>The parameter tables against the request record they map onto: a field added to one and not the other fails here.</summary>
public sealed class ParameterTableTests
{
    private static readonly string[] WireFields = JsonSerializer.SerializeToElement(new VideoGenerationRequest
    {
        Prompt = "p", Seed = 1, ReturnLastFrame = true, Tools = [new VideoTool { Type = "web_search" }], ImageUrls = ["u"],
        ImageWithRoles = [new ImageWithRole { Url = "u", Role = "first_frame" }], VideoUrls = ["u"], AudioUrls = ["u"],
        OutputFormat = "mp4", OmniReferenceTaskType = "auto",
    }, SeedanceJson.Options).EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void GenerateTable_HasOneRowPerRequestField_AndOnlyWaitBeside()
    {
        var mapped = ToolParameters.Generate.Parameters.Where(p => p.Apply is not null).Select(p => p.Name).ToArray();

        Assert.Equal(WireFields.Order(), mapped.Order());
        Assert.Equal(["wait", "dry_run", "confirm_quote"], ToolParameters.Generate.Parameters.Where(p => p.Apply is null).Select(p => p.Name));
    }

    [Fact]
    public void GenerateTable_EveryRequestRowRoundTrips()
    {
        var source = new VideoGenerationRequest
        {
            Model = SeedanceModels.Fast, Prompt = "p", Duration = 7, Size = "9:16", Resolution = "480p", Seed = 42, GenerateAudio = true,
            ReturnLastFrame = false, Tools = [new VideoTool { Type = "web_search" }], ImageUrls = ["https://a/1.png"],
            ImageWithRoles = [new ImageWithRole { Url = "https://a/2.png", Role = "last_frame" }], VideoUrls = ["https://a/v.mp4"],
            AudioUrls = ["https://a/a.mp3"],
        };

        var copy = new VideoGenerationRequest();
        foreach (var row in ToolParameters.Generate.Parameters.Where(p => p.Apply is not null))
        {
            copy = row.Apply!(copy, row.Get!(source)!);
        }

        Assert.Equal(SeedanceJson.SerializeRequest(source), SeedanceJson.SerializeRequest(copy));
    }

    [Fact]
    public void Defaults_AreWhatIsSent()
    {
        var read = ToolParameters.Generate.Read(ToolNames.GenerateVideo, JsonDocument.Parse("""{"prompt": "a cat"}""").RootElement);

        var request = ToolParameters.Generate.ToRequest(read, new VideoGenerationRequest());
        var schema = ToolCatalog.Create(ModelCatalog.Default)[0].InputSchema.GetProperty("properties");

        Assert.Equal(schema.GetProperty("duration").GetProperty("default").GetInt32(), request.Duration);
        Assert.Equal(schema.GetProperty("size").GetProperty("default").GetString(), request.Size);
        Assert.Equal(schema.GetProperty("resolution").GetProperty("default").GetString(), request.Resolution);
        Assert.Equal(schema.GetProperty("model").GetProperty("default").GetString(), request.Model);
        Assert.Equal(schema.GetProperty("generate_audio").GetProperty("default").GetBoolean(), request.GenerateAudio);
        Assert.Equal(schema.GetProperty("return_last_frame").GetProperty("default").GetBoolean(), request.ReturnLastFrame);
    }

    [Fact]
    public void ExtendTable_IsAProjection_InheritedRowsHaveNoFixedDefault()
    {
        var inherited = ToolParameters.Extend.Parameters.Where(p => p.IsInherited).Select(p => p.Name).ToArray();

        Assert.Equal(["model", "size", "resolution", "generate_audio"], inherited);
        Assert.All(inherited, name => Assert.Null(ToolParameters.Extend[name].Default));
        Assert.Equal(ToolParameters.Generate["duration"], ToolParameters.Extend["duration"]);
        Assert.Equal(["task_id"], ToolParameters.Extend.Parameters.Where(p => p.Required).Select(p => p.Name));
    }

    [Fact]
    public void Inherit_TakesOnlyInheritedSettingsFromTheEarlierRequest()
    {
        var earlier = new VideoGenerationRequest { Model = SeedanceModels.Fast, Size = "9:16", Resolution = "480p", GenerateAudio = true, Duration = 12, Seed = 9 };
        var read = ToolParameters.Extend.Read(ToolNames.ExtendVideo, JsonDocument.Parse("""{"task_id": "task_1", "prompt": "then", "size": "1:1"}""").RootElement);

        var request = ToolParameters.Extend.ToRequest(read, ToolParameters.Extend.Inherit(earlier, new VideoGenerationRequest()));

        Assert.Equal((SeedanceModels.Fast, "1:1", "480p", true, 5, null), (request.Model, request.Size, request.Resolution, request.GenerateAudio, request.Duration, request.Seed));
        Assert.Equal("then", request.Prompt);
    }

    [Fact]
    public void PromptDescription_FollowsTheCatalogue()
    {
        var catalog = ModelCatalog.Default.With([new ModelInfo { Name = "doubao-seedance-2.0", Resolutions = ["720p"], MaxPromptLength = 2000 }]);

        var text = ToolParameters.Generate["prompt"].Description(catalog);

        Assert.Contains("2000 characters on doubao-seedance-2.0", text, StringComparison.Ordinal);
        Assert.Contains("4000 characters on doubao-seedance-2.0-fast", text, StringComparison.Ordinal);
        Assert.Contains("no hard limit", text, StringComparison.Ordinal);
    }
}
