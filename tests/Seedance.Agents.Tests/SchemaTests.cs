using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Seedance.Agents.Results;
using Seedance.Agents.Tools;
using Seedance.Client.Models;

namespace Seedance.Agents.Tests;

/// <summary>What a model sees: every rule visible in the schema or the description.</summary>
public sealed class SchemaTests
{
    private static readonly IReadOnlyList<SeedanceToolDefinition> Tools = ToolCatalog.Create(ModelCatalog.Default);

    private static JsonElement Property(string tool, string name) =>
        Tools.Single(t => t.Name == tool).InputSchema.GetProperty("properties").GetProperty(name);

    private static string[] Enum(JsonElement property) => property.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public void Tools_NamesAndAnnotations()
    {
        Assert.Equal(["generate_video", "check_task", "extend_video", "list_tasks", "get_balance", "generate_long_video", "stop_long_video", "list_models"],
            Tools.Select(t => t.Name));
        Assert.All(Tools.Where(t => t.Name is "generate_video" or "extend_video" or "generate_long_video"), t => Assert.False(t.ReadOnly || t.Idempotent));
        Assert.All(Tools.Where(t => t.Name is "check_task" or "list_tasks" or "get_balance" or "list_models"), t => Assert.True(t.ReadOnly));
        Assert.Equal(["generate_video", "extend_video", "generate_long_video"], Tools.Where(t => t.Paid).Select(t => t.Name));
        var stop = Tools.Single(t => t.Name == "stop_long_video");
        Assert.True(stop.Idempotent && !stop.ReadOnly && !stop.Destructive && !stop.OpenWorld);
        Assert.Equal("^seq_[A-Za-z0-9]+$", Property("stop_long_video", "sequence_id").GetProperty("pattern").GetString());
        Assert.All(Tools, t => Assert.Equal("object", t.OutputSchema.GetProperty("type").GetString()));
    }

    [Fact]
    public void OutputSchemas_DescribeEveryPropertyRequireExactlyTheNonNullableAndAdmitTheError()
    {
        foreach (var tool in Tools)
        {
            var shapes = tool.OutputSchema.GetProperty("anyOf").EnumerateArray().ToArray();
            Assert.Equal(["charged", "error", "kind", "next_step"], Required(shapes[^1]).Order(StringComparer.Ordinal));
            Assert.All(shapes, AssertDescribed);
        }

        var paid = Tools.Single(t => t.Name == "generate_video").OutputSchema.GetProperty("anyOf");
        var report = paid[0].GetProperty("properties");
        Assert.Equal(["submitting", "unconfirmed", "queued", "running", "succeeded", "failed", "cancelled"], Enum(report.GetProperty("status")));
        Assert.Equal("integer", report.GetProperty("progress").GetProperty("type").GetString());
        Assert.Equal("date-time", report.GetProperty("video_expires_at").GetProperty("format").GetString());
        Assert.Contains("task_id", Required(paid[0]));
        Assert.DoesNotContain("progress", Required(paid[0]));

        // A JsonElement admits any JSON; its schema is an object only so that it can carry the description.
        var body = paid[1].GetProperty("properties").GetProperty("request_body");
        Assert.Equal(["description"], body.EnumerateObject().Select(p => p.Name));
        Assert.Contains("request_body", Required(paid[1]));

        static string[] Required(JsonElement shape) =>
            shape.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!).ToArray() : [];

        static void AssertDescribed(JsonElement shape)
        {
            if (shape.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (shape.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    Assert.True(property.Value.TryGetProperty("description", out var description) && description.GetString()!.Length > 0, property.Name);
                    Assert.False(property.Value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array, property.Name);
                    AssertDescribed(property.Value);
                }
            }

            if (shape.TryGetProperty("items", out var items))
            {
                AssertDescribed(items);
            }
        }
    }

    [Fact]
    public void GenerateVideo_SchemaCarriesEnumsRangesAndLimits()
    {
        Assert.Equal(["doubao-seedance-2.0", "doubao-seedance-2.0-fast", "doubao-seedance-2.0-mini", "seedance-2.5", "doubao-seedance-2.5"],
            Enum(Property("generate_video", "model")));
        Assert.Equal(["16:9", "9:16", "1:1", "4:3", "3:4", "21:9", "adaptive"], Enum(Property("generate_video", "size")));
        Assert.Equal(["480p", "720p", "1080p", "4k"], Enum(Property("generate_video", "resolution")));
        // The widest range over the models (-1: 2.5 chooses the length); each model's own range is in the description and enforced.
        Assert.Equal(-1, Property("generate_video", "duration").GetProperty("minimum").GetInt32());
        Assert.Equal(30, Property("generate_video", "duration").GetProperty("maximum").GetInt32());
        Assert.Equal(5, Property("generate_video", "duration").GetProperty("default").GetInt32());
        Assert.Equal(4294967295, Property("generate_video", "seed").GetProperty("maximum").GetInt64());
        Assert.Equal(30, Property("generate_video", "image_urls").GetProperty("maxItems").GetInt32());
        Assert.Equal(10, Property("generate_video", "video_urls").GetProperty("maxItems").GetInt32());
        Assert.Equal(10, Property("generate_video", "audio_urls").GetProperty("maxItems").GetInt32());
        Assert.Equal(["mp4", "mov"], Enum(Property("generate_video", "output_format")));
        Assert.Equal(["auto", "reference", "edit", "extend"], Enum(Property("generate_video", "omni_reference_task_type")));
        Assert.Equal(["first_frame", "last_frame", "reference_image"],
            Enum(Property("generate_video", "image_with_roles").GetProperty("items").GetProperty("properties").GetProperty("role")));
        Assert.Equal(["web_search"], Enum(Property("generate_video", "tools").GetProperty("items").GetProperty("properties").GetProperty("type")));
        Assert.True(Property("generate_video", "return_last_frame").GetProperty("default").GetBoolean());
        Assert.False(Tools[0].InputSchema.GetProperty("additionalProperties").GetBoolean());
    }

    [Theory]
    [InlineData("duration", "a whole number: 4 to 15 s; on seedance-2.5: 4 to 30 s or -1 (the model chooses; budgeted as 30 s)")]
    [InlineData("image_urls", "at most 9; on seedance-2.5: 30.")]
    [InlineData("output_format", "Only on seedance-2.5")]
    [InlineData("duration", "Default 5")]
    [InlineData("seed", "-1 to 4294967295")]
    [InlineData("resolution", "1080p only on doubao-seedance-2.0 and seedance-2.5; 4k only on doubao-seedance-2.0")]
    [InlineData("image_urls", "at most 9")]
    [InlineData("image_urls", "Do not combine with image_with_roles")]
    [InlineData("image_with_roles", "video_urls and audio_urls are not allowed")]
    [InlineData("video_urls", "1.8 s")]
    [InlineData("audio_urls", "Needs at least one image")]
    [InlineData("audio_urls", "asset://<id> (only on doubao-seedance-2.0 and doubao-seedance-2.0-fast and seedance-2.5)")]
    [InlineData("prompt", "4000 characters")]
    [InlineData("prompt", "Required for text-to-video")]
    [InlineData("size", "9:16 vertical")]
    [InlineData("wait", "0 to 50")]
    [InlineData("image_urls", "One image is image-to-video: the clip starts from it")]
    [InlineData("image_urls", "several are references")]
    [InlineData("generate_audio", "The result has sound only when this is true, also with audio_urls")]
    [InlineData("resolution", "There is no 2K: 1080p (Full HD) is the nearest, 4k the next step up")]
    public void GenerateVideo_DescriptionsStateRulesInWords(string property, string words) =>
        Assert.Contains(words, Property("generate_video", property).GetProperty("description").GetString(), StringComparison.Ordinal);

    [Fact]
    public void GenerateVideo_SaysCheckTaskWaitsOnlyWhenGivenWait()
    {
        Assert.Contains("call check_task with that task_id and wait=50 (without wait it answers at once)", Tools[0].Description, StringComparison.Ordinal);
        Assert.Equal(0, Property("check_task", "wait").GetProperty("default").GetInt32());
    }

    [Fact]
    public void GenerateVideo_GivesThePricePerSecondOfEveryPricedModelAndResolution_AndTheCheapest()
    {
        var description = Tools[0].Description;

        foreach (var model in ModelCatalog.Default.Models)
        {
            foreach (var price in model.Prices)
            {
                Assert.Contains($"{price.Resolution} {price.UsdPerSecond.ToString("0.00##", System.Globalization.CultureInfo.InvariantCulture)}", description,
                    StringComparison.Ordinal);
            }
        }

        Assert.Contains("doubao-seedance-2.0 480p 0.0907, 720p 0.1952, 1080p 0.44", description, StringComparison.Ordinal);
        Assert.Contains("Cheapest: 480p on doubao-seedance-2.0-fast.", description, StringComparison.Ordinal);
        Assert.Contains("No figure for 4k on doubao-seedance-2.0 or doubao-seedance-2.0-mini", description, StringComparison.Ordinal);
        Assert.Contains("Price per second: see generate_video.", Tools.Single(t => t.Name == "extend_video").Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Prices_FollowTheCatalogue()
    {
        var catalog = ModelCatalog.Default.With([new ModelInfo
        {
            Name = "doubao-seedance-2.5", Resolutions = ["480p", "720p"], Prices = [new ModelPrice { Resolution = "480p", UsdPerSecond = 0.05m, Source = "test" }],
        }]);

        var description = ToolCatalog.Create(catalog)[0].Description;

        Assert.Contains("doubao-seedance-2.5 480p 0.05", description, StringComparison.Ordinal);
        Assert.Contains("Cheapest: 480p on doubao-seedance-2.5.", description, StringComparison.Ordinal);
        Assert.Contains("720p on doubao-seedance-2.5", description, StringComparison.Ordinal);
    }

    [Fact]
    public void GetBalance_SaysItIsNotNeededBeforeAPaidCall()
    {
        var description = Tools.Single(t => t.Name == "get_balance").Description;

        Assert.Contains("Not needed before a paid call", description, StringComparison.Ordinal);
        Assert.Contains("ask the user when the price calls for it", description, StringComparison.Ordinal);
    }

    [Fact]
    public void ImageRoles_SayWhatReferenceImageIsForAndWhatCombines()
    {
        var role = Property("generate_video", "image_with_roles").GetProperty("items").GetProperty("properties").GetProperty("role")
            .GetProperty("description").GetString();

        Assert.Contains("likeness (face, look)", role, StringComparison.Ordinal);
        Assert.Contains("an http(s) image is sent as given", role, StringComparison.Ordinal);
        Assert.Contains("first_frame and last_frame may be combined with reference_image", role, StringComparison.Ordinal);
        Assert.Contains("For a logo, product or style reference use image_urls", role, StringComparison.Ordinal);
    }

    [Fact]
    public void DryRun_SaysWhatItNeeds_ExtendSaysPromptIsOptionalAndWhatAnUnrenderableResolutionDoes()
    {
        Assert.Contains("the same arguments as a real call (so a prompt when there is no image or video)",
            Property("generate_video", "dry_run").GetProperty("description").GetString(), StringComparison.Ordinal);
        var extend = Tools.Single(t => t.Name == "extend_video");
        Assert.DoesNotContain("prompt", extend.InputSchema.TryGetProperty("required", out var required)
            ? required.EnumerateArray().Select(r => r.GetString()) : []);
        Assert.Contains("Optional: without it the clip simply continues the scene", Property("extend_video", "prompt").GetProperty("description").GetString(),
            StringComparison.Ordinal);
        Assert.Contains("a resolution its model cannot render is refused before anything is sent, naming the model: then pass model too",
            extend.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void ToolDescriptions_SayCostAndTime()
    {
        Assert.Contains("PAID", Tools[0].Description, StringComparison.Ordinal);
        Assert.Contains("1 to 5 minutes", Tools[0].Description, StringComparison.Ordinal);
        Assert.Contains("free", Tools[1].Description, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("PAID", Tools[2].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void ProviderExamples_UseOnlyArgumentsTheSchemaKnows()
    {
        var known = Property("generate_video", "prompt").ValueKind == JsonValueKind.Object
            ? Tools[0].InputSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet()
            : [];
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "ProviderExamples"), "*.json"))
        {
            foreach (var property in JsonDocument.Parse(File.ReadAllText(file)).RootElement.EnumerateObject())
            {
                Assert.Contains(property.Name, known);
            }
        }
    }

    [Fact]
    public void Schema_FollowsTheCatalogue()
    {
        var catalog = ModelCatalog.Default.With([new ModelInfo { Name = "doubao-seedance-2.5", Resolutions = ["720p", "1080p"], SupportsAssetUrls = true }]);

        var tools = ToolCatalog.Create(catalog);

        var models = tools[0].InputSchema.GetProperty("properties").GetProperty("model").GetProperty("enum").EnumerateArray().Select(e => e.GetString());
        Assert.Contains("doubao-seedance-2.5", models);
        Assert.Contains("doubao-seedance-2.5", tools[0].InputSchema.GetProperty("properties").GetProperty("resolution").GetProperty("description").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void ExtendVideo_InheritedSettingsHaveNoDefault()
    {
        Assert.False(Property("extend_video", "size").TryGetProperty("default", out _));
        Assert.Contains("previous clip", Property("extend_video", "size").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(["task_id"], Tools[2].InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task AIFunction_InvokesTheToolAndReportsErrorsAsResults()
    {
        await using var f = await AgentFixture.StartAsync();
        var toolset = f.Toolset;
        var generate = toolset.Functions.Single(t => t.Name == "generate_video");

        var ok = (JsonElement)(await generate.InvokeAsync(new AIFunctionArguments { ["prompt"] = "a cat", ["duration"] = 10, ["size"] = "9:16" }))!;
        var bad = (JsonElement)(await generate.InvokeAsync(new AIFunctionArguments { ["prompt"] = "a cat", ["size"] = "16x9" }))!;

        Assert.StartsWith("task_01", ok.GetProperty("task_id").GetString(), StringComparison.Ordinal);
        Assert.Equal("invalid_arguments", bad.GetProperty("kind").GetString());
        Assert.Equal(generate.Definition.InputSchema.GetRawText(), generate.JsonSchema.GetRawText());
        Assert.Equal("Generate a video (Seedance 2.0)", generate.AdditionalProperties["title"]);
    }

    [Fact]
    public async Task AIFunction_ProgressFromContext()
    {
        await using var f = await AgentFixture.StartAsync(s => s.TaskDuration = TimeSpan.FromSeconds(10));
        var toolset = f.Toolset;
        var reports = new List<ToolProgress>();
        var arguments = new AIFunctionArguments { ["prompt"] = "a cat", ["wait"] = 30 };
        arguments.Context = new Dictionary<object, object?> { [typeof(IProgress<ToolProgress>)] = new GenerateVideoTests.Collect<ToolProgress>(reports) };

        var call = toolset.Functions[0].InvokeAsync(arguments).AsTask();

        // Small steps: on a busy machine an HTTP round trip to the sandbox can take a few hundred real milliseconds, and the
        // fake clock must not run past the call's 30 s wait meanwhile.
        await Seedance.Testing.FakeClock.AdvanceUntilDoneAsync(f.Time, call, TimeSpan.FromMilliseconds(250));

        var result = (JsonElement)(await call)!;
        Assert.Equal("succeeded", result.GetProperty("status").GetString());
        Assert.NotEmpty(reports);
    }

    [Fact]
    public void AddSeedanceAgents_BindsEnvironmentNamesAndBuildsNothingEarly()
    {
        var root = Path.Combine(Path.GetTempPath(), $"seedance-di-{Guid.NewGuid():N}");
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SEEDANCE_API_KEY"] = "sk-x",
            ["SEEDANCE_OUTPUT_DIR"] = Path.Combine(root, "out"),
            ["SEEDANCE_JOURNAL"] = Path.Combine(root, "j.db"),
            ["SEEDANCE_DOWNLOAD"] = "0",
            ["SEEDANCE_ALLOWED_DIRS"] = $"{root}/a{Path.PathSeparator}{root}/b",
        }).Build());
        services.AddSeedanceAgents();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SeedanceAgentOptions>>().Value;
        var toolset = provider.GetRequiredService<SeedanceToolset>();

        Assert.Equal(Path.Combine(root, "out"), options.ResolveOutputDirectory());
        Assert.Equal(Path.Combine(root, "j.db"), toolset.Journal.Path);
        Assert.False(options.DownloadResults);
        Assert.Equal([$"{root}/a", $"{root}/b"], options.AllowedImageFolders);
        Assert.Equal(8, toolset.Functions.Count);
        Assert.False(Directory.Exists(root), "nothing should be created before a tool is used");
    }
}
