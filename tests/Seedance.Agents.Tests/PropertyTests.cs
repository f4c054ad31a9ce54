using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Seedance.Agents.Tools;

namespace Seedance.Agents.Tests;

/// <summary>
/// Generated tool arguments, valid and hostile, against the sandbox: the tool never throws, every argument set is
/// either submitted (and the sandbox, which re-reads the wire body, accepts it) or refused with violations and
/// nothing sent.
/// </summary>
public sealed class PropertyTests
{
    private static Gen<JsonNode?> Strings(params string[] values) => Gen.OneOf<string>(values).Select(v => (JsonNode?)JsonValue.Create(v));

    private static readonly Gen<JsonNode?> Junk = Gen.OneOf(
        Gen.Const<JsonNode?>(() => null),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Int[-1000, 1000].Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Double[-1e6, 1e6].Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.String[0, 12].Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Const<JsonNode?>(() => new JsonArray()),
        Gen.Const<JsonNode?>(() => new JsonObject { ["x"] = 1 }));

    private static Gen<JsonNode?> Field(Gen<JsonNode?> valid, Gen<JsonNode?> nearMiss) =>
        Gen.Frequency((6, valid), (2, nearMiss), (1, Junk));

    private static readonly Gen<JsonNode?> Url = Strings("https://example.com/a.jpg", "asset://asset_a", "http://cdn.example.com/v.mp4",
        "ftp://nope/x.jpg", "asset://", "not a url", "");

    private static Gen<JsonNode?> UrlList(int max) => Url.Array[0, max + 2].Select(items => (JsonNode?)new JsonArray(items.Select(i => i?.DeepClone()).ToArray()));

    private static readonly Gen<JsonNode?> Roles = Gen.Select(Url, Strings("first_frame", "last_frame", "reference_image", "middle"))
        .Array[0, 3]
        .Select(items => (JsonNode?)new JsonArray(items.Select(i => (JsonNode?)new JsonObject { ["url"] = i.Item1?.DeepClone(), ["role"] = i.Item2?.DeepClone() }).ToArray()));

    private static readonly (string Name, Gen<JsonNode?> Value)[] Fields =
    [
        ("model", Field(Strings("doubao-seedance-2.0", "doubao-seedance-2.0-fast", "doubao-seedance-2.0-mini"), Strings("seedance", "Doubao-Seedance-2.0"))),
        ("prompt", Field(Strings("a cat surfing", "子猫がカメラに向かってあくびをする", new string('x', 4001)), Strings("", "   "))),
        ("duration", Field(Gen.Int[4, 15].Select(i => (JsonNode?)JsonValue.Create(i)), Gen.Int[-5, 40].Select(i => (JsonNode?)JsonValue.Create(i)))),
        ("size", Field(Strings("16:9", "9:16", "1:1", "4:3", "3:4", "21:9", "adaptive"), Strings("16x9", "vertical", "Adaptive"))),
        ("resolution", Field(Strings("480p", "720p", "1080p", "4k"), Strings("720P", "8k"))),
        ("seed", Field(Gen.Long[-1, 4294967295].Select(i => (JsonNode?)JsonValue.Create(i)), Gen.Long[-10, -2].Select(i => (JsonNode?)JsonValue.Create(i)))),
        ("generate_audio", Field(Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)), Strings("yes", "true"))),
        ("return_last_frame", Field(Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)), Strings("no"))),
        ("tools", Field(Gen.Const<JsonNode?>(() => new JsonArray(new JsonObject { ["type"] = "web_search" })),
            Gen.Const<JsonNode?>(() => new JsonArray(new JsonObject { ["type"] = "browser" })))),
        ("image_urls", Field(UrlList(9), UrlList(12))),
        ("image_with_roles", Field(Roles, Roles)),
        ("video_urls", Field(UrlList(3), UrlList(5))),
        ("audio_urls", Field(UrlList(3), UrlList(5))),
        ("wait", Field(Gen.Const<JsonNode?>(() => JsonValue.Create(0)), Strings("-1", "51"))),
        ("colour", Junk),
    ];

    /// <summary>Each field present with probability 1/2, with a valid, near-miss or junk value.</summary>
    private static readonly Gen<JsonObject> Hostile = Combine(Fields);

    /// <summary>Only in-range values of the fields without cross-field rules: these should all go through.</summary>
    private static readonly Gen<JsonObject> Plausible = Combine(
    [
        ("model", Strings("doubao-seedance-2.0", "doubao-seedance-2.0-fast")),
        ("prompt", Strings("a cat surfing", "子猫がカメラに向かってあくびをする", "ok")),
        ("duration", Gen.Int[4, 15].Select(i => (JsonNode?)JsonValue.Create(i))),
        ("size", Strings("16:9", "9:16", "1:1", "4:3", "3:4", "21:9", "adaptive")),
        ("resolution", Strings("480p", "720p")),
        ("seed", Gen.Long[-1, 4294967295].Select(i => (JsonNode?)JsonValue.Create(i))),
        ("generate_audio", Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        ("return_last_frame", Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        ("image_urls", Strings("https://example.com/a.jpg", "asset://asset_b").Array[1, 9].Select(items => (JsonNode?)new JsonArray(items.Select(i => i?.DeepClone()).ToArray()))),
    ]).Select(json =>
    {
        json["prompt"] ??= "a cat";
        return json;
    });

    private static readonly Gen<JsonObject> Arguments = Gen.OneOf(Hostile, Plausible);

    private static Gen<JsonObject> Combine((string Name, Gen<JsonNode?> Value)[] fields) => fields.Aggregate(
        Gen.Const(() => new List<(string, JsonNode?)>()),
        (acc, field) => acc.SelectMany(list => Gen.Bool.SelectMany(present => field.Value.Select(value =>
        {
            var next = new List<(string, JsonNode?)>(list);
            if (present && field.Name != "colour" || present && value is JsonValue)
            {
                next.Add((field.Name, value));
            }

            return next;
        }))))
        .Select(list =>
        {
            var json = new JsonObject();
            foreach (var (name, value) in list)
            {
                json[name] = value?.DeepClone();
            }

            return json;
        });

    [Fact]
    public async Task GenerateVideo_AnyArguments_SubmittedAndAcceptedOrRefusedWithViolations()
    {
        // Long 4k clips are priced for real: give the sandbox account enough for every sample.
        await using var f = await AgentFixture.StartAsync(sandbox: o => o.StartingBalance = 1_000_000m);
        var accepted = 0;
        var refused = 0;

        await Arguments.SampleAsync(async arguments =>
        {
            var submitsBefore = f.Sandbox.Counters.SubmitsReceived;
            var createdBefore = f.Sandbox.Counters.TasksCreated;

            var outcome = await f.Toolset.InvokeAsync(ToolNames.GenerateVideo, JsonSerializer.SerializeToElement(arguments));

            if (outcome.IsError)
            {
                Assert.Equal("invalid_arguments", outcome.Structured.GetProperty("kind").GetString());
                Assert.NotEmpty(outcome.Structured.GetProperty("violations").EnumerateArray());
                Assert.Equal(submitsBefore, f.Sandbox.Counters.SubmitsReceived);
                refused++;
            }
            else
            {
                Assert.Equal("queued", outcome.Structured.GetProperty("status").GetString());
                Assert.Equal(createdBefore + 1, f.Sandbox.Counters.TasksCreated);
                accepted++;
            }
        }, iter: 400, threads: 1, print: a => a.ToJsonString());

        // The generator must exercise both sides, or the property says little.
        Assert.True(accepted > 20, $"only {accepted} accepted");
        Assert.True(refused > 20, $"only {refused} refused");
        Assert.Equal(accepted, (await f.Journal.ListAsync(1000)).Count);
    }

    [Fact]
    public async Task CheckAndList_AnyArguments_NeverThrow()
    {
        await using var f = await AgentFixture.StartAsync();
        var arguments = Gen.Select(Junk, Junk, Gen.OneOf("task_id", "limit", "status", "wait", "prompt"), (a, b, name) =>
            new JsonObject { [name] = a?.DeepClone(), ["task_id"] = b?.DeepClone() });

        await arguments.SampleAsync(async json =>
        {
            foreach (var tool in new[] { ToolNames.CheckTask, ToolNames.ListTasks, ToolNames.ExtendVideo })
            {
                var outcome = await f.Toolset.InvokeAsync(tool, JsonSerializer.SerializeToElement(json));
                Assert.True(outcome.IsError || outcome.Structured.ValueKind == JsonValueKind.Object);
                Assert.False(string.IsNullOrWhiteSpace(outcome.Text));
            }
        }, iter: 200, threads: 1, print: a => a.ToJsonString());

        Assert.Equal(0, f.Sandbox.Counters.SubmitsReceived);
    }
}
