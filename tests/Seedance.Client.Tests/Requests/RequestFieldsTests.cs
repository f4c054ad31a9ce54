using System.Reflection;
using System.Text.Json.Serialization;
using Seedance.Client.Requests;
using Seedance.Client.Serialization;

namespace Seedance.Client.Tests.Requests;

/// <summary>The request catalogue against the records it describes: a property without a row, or with two, fails here.</summary>
public sealed class RequestFieldsTests
{
    public static TheoryData<string> Owners => new() { nameof(VideoGenerationRequest), nameof(ImageWithRole), nameof(VideoTool) };

    [Theory]
    [MemberData(nameof(Owners))]
    public void EveryRecordProperty_HasExactlyOneRow_UnderItsJsonName(string owner)
    {
        var (type, rows) = RowsOf(owner);
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetMethod?.IsStatic == false).ToArray();

        Assert.NotEmpty(properties);
        foreach (var property in properties)
        {
            var matching = rows.Where(r => r.Property == property.Name).ToArray();
            Assert.True(matching.Length == 1, $"{type.Name}.{property.Name} has {matching.Length} rows in the request catalogue; it needs exactly one.");
            Assert.Equal(property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, matching[0].Name);
        }

        Assert.All(rows, r => Assert.Contains(properties, p => p.Name == r.Property));
    }

    [Fact]
    public void EveryRow_RoundTripsThroughItsTypedGetAndWith()
    {
        var source = new VideoGenerationRequest
        {
            Model = SeedanceModels.Fast, Prompt = "p", Duration = 7, Size = "9:16", Resolution = "480p", Seed = 42, GenerateAudio = true,
            ReturnLastFrame = false, Tools = [VideoTool.WebSearch], ImageUrls = ["https://a/1.png"],
            ImageWithRoles = [new ImageWithRole { Url = "https://a/2.png", Role = "last_frame" }], VideoUrls = ["https://a/v.mp4"],
            AudioUrls = ["https://a/a.mp3"],
        };

        object copy = new VideoGenerationRequest();
        foreach (var row in RequestFields.All)
        {
            copy = row.WithValue(copy, row.ValueOf(source));
        }

        Assert.Equal(SeedanceJson.SerializeRequest(source), SeedanceJson.SerializeRequest((VideoGenerationRequest)copy));
    }

    [Fact]
    public void WithValue_TakesAReadersLong_ForAnInt32Field()
    {
        var request = (VideoGenerationRequest)RequestFields.Duration.WithValue(new VideoGenerationRequest(), 12L);

        Assert.Equal(12, RequestFields.Duration.Get(request));
        Assert.True(RequestFields.Duration.IsInt32);
        Assert.False(RequestFields.Seed.IsInt32);
    }

    [Fact]
    public void RangedAndListedRows_HaveTheFactsTheirRulesNeed()
    {
        Assert.All(RequestFields.All.Where(r => r.Shape == FieldShape.WholeNumber), r => Assert.NotNull(r.Range));
        Assert.All(RequestFields.All.Where(r => r.Shape == FieldShape.ObjectList), r => Assert.NotNull(r.Items));
        Assert.All(RequestFields.All.Where(r => r.Values is not null || r.Range is not null && r.Shape != FieldShape.WholeNumber),
            r => Assert.False(string.IsNullOrEmpty(r.Noun), r.Name));
    }

    private static (Type Type, IReadOnlyList<RequestField> Rows) RowsOf(string owner) => owner switch
    {
        nameof(VideoGenerationRequest) => (typeof(VideoGenerationRequest), RequestFields.All),
        nameof(ImageWithRole) => (typeof(ImageWithRole), RequestFields.ImageWithRoles.Items!.Fields),
        _ => (typeof(VideoTool), RequestFields.Tools.Items!.Fields),
    };
}
