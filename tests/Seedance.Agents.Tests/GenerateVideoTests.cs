using System.Text.Json;
using System.Text.Json.Nodes;
using Seedance.Agents.Journal;
using Seedance.Agents.Tools;

namespace Seedance.Agents.Tests;

public sealed class GenerateVideoTests
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

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task GenerateVideo_ProviderExampleAsArguments_SubmitsThatBody(string name)
    {
        await using var f = await AgentFixture.StartAsync();
        var example = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ProviderExamples", name));

        var outcome = await f.CallAsync(ToolNames.GenerateVideo, example);

        Assert.False(outcome.IsError, outcome.Text);
        Assert.StartsWith("task_01", outcome.Str("task_id"), StringComparison.Ordinal);
        Assert.Equal("queued", outcome.Str("status"));
        var page = JsonNode.Parse(example)!.AsObject();
        var sent = JsonNode.Parse(Assert.Single(f.Sandbox.ReceivedSubmitBodies))!.AsObject();
        foreach (var (key, value) in page)
        {
            Assert.True(JsonNode.DeepEquals(value, sent[key]), $"{key}: sent {sent[key]?.ToJsonString()}, page {value?.ToJsonString()}");
        }

        var defaults = new JsonObject { ["duration"] = 5, ["size"] = "16:9", ["resolution"] = "720p", ["generate_audio"] = false, ["return_last_frame"] = true };
        foreach (var (key, value) in sent.Where(p => !page.ContainsKey(p.Key)))
        {
            Assert.True(JsonNode.DeepEquals(defaults[key], value), $"extra field {key} = {value?.ToJsonString()}");
        }

        var entry = await f.Journal.FindAsync(outcome.Str("task_id"));
        Assert.NotNull(entry);
        Assert.Equal(JournalState.Queued, entry.State);
        Assert.Equal(Assert.Single(f.Sandbox.ReceivedSubmitBodies), entry.RequestJson);
    }

    [Fact]
    public async Task GenerateVideo_EmptyLists_JournalHoldsTheBytesSentWithoutThem()
    {
        await using var f = await AgentFixture.StartAsync();

        var outcome = await f.CallAsync(ToolNames.GenerateVideo,
            """{"prompt": "a cat", "image_urls": [], "image_with_roles": [], "video_urls": [], "audio_urls": [], "tools": []}""");

        Assert.False(outcome.IsError, outcome.Text);
        var wire = Assert.Single(f.Sandbox.ReceivedSubmitBodies);
        var entry = await f.Journal.FindAsync(outcome.Str("task_id"));
        Assert.Equal(wire, entry!.RequestJson);
        var sent = JsonNode.Parse(wire)!.AsObject();
        Assert.DoesNotContain(sent, p => p.Key is "image_urls" or "image_with_roles" or "video_urls" or "audio_urls" or "tools");
    }

    [Theory]
    [InlineData("""{"prompt":"x","model":"seedance-3"}""", "model")]
    [InlineData("""{"prompt":"x","size":"16x9"}""", "size")]
    [InlineData("""{"prompt":"x","duration":30}""", "duration")]
    [InlineData("""{"prompt":"x","duration":"ten"}""", "duration")]
    [InlineData("""{"prompt":"x","duration":5.5}""", "duration")]
    [InlineData("""{"prompt":"x","resolution":"4k","model":"doubao-seedance-2.0-fast"}""", "resolution")]
    [InlineData("""{"prompt":"x","seed":-5}""", "seed")]
    [InlineData("""{"prompt":"x","generate_audio":"loud"}""", "generate_audio")]
    [InlineData("""{"prompt":"x","tools":[{"type":"browser"}]}""", "tools[0].type")]
    [InlineData("""{"prompt":"x","image_urls":["https://e.com/1.jpg","https://e.com/2.jpg","https://e.com/3.jpg","https://e.com/4.jpg","https://e.com/5.jpg","https://e.com/6.jpg","https://e.com/7.jpg","https://e.com/8.jpg","https://e.com/9.jpg","https://e.com/10.jpg"]}""", "image_urls")]
    [InlineData("""{"prompt":"x","image_urls":["https://e.com/a.jpg"],"image_with_roles":[{"url":"https://e.com/b.jpg","role":"first_frame"}]}""", "image_with_roles")]
    [InlineData("""{"prompt":"x","image_with_roles":[{"url":"https://e.com/b.jpg","role":"middle"}]}""", "image_with_roles[0].role")]
    [InlineData("""{"prompt":"x","image_with_roles":[{"url":"https://e.com/b.jpg","role":"first_frame"}],"video_urls":["https://e.com/v.mp4"]}""", "video_urls")]
    [InlineData("""{"prompt":"x","video_urls":["https://e.com/1.mp4","https://e.com/2.mp4","https://e.com/3.mp4","https://e.com/4.mp4"]}""", "video_urls")]
    [InlineData("""{"prompt":"x","audio_urls":["https://e.com/a.wav"]}""", "audio_urls")]
    [InlineData("""{"prompt":"x","model":"doubao-seedance-2.0-mini","image_urls":["asset://a"]}""", "image_urls[0]")]
    [InlineData("""{"prompt":"x","image_urls":["ftp://e.com/a.jpg"]}""", "image_urls[0]")]
    [InlineData("""{}""", "prompt")]
    [InlineData("""{"prompt":"x","colour":"blue"}""", "colour")]
    [InlineData("""{"prompt":"x","wait":120}""", "wait")]
    [InlineData("""{"prompt":"x","video_urls":["/home/me/clip.mp4"]}""", "video_urls[0]")]
    public async Task GenerateVideo_BrokenRule_RefusedWithParameterAndNothingSent(string arguments, string parameter)
    {
        await using var f = await AgentFixture.StartAsync();

        var outcome = await f.CallAsync(ToolNames.GenerateVideo, arguments);

        Assert.True(outcome.IsError);
        Assert.Equal("invalid_arguments", outcome.Str("kind"));
        Assert.Contains(parameter, outcome.ViolationParameters());
        Assert.Contains(parameter, outcome.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", outcome.Text, StringComparison.Ordinal);
        Assert.Equal(0, f.Sandbox.Counters.SubmitsReceived);
        Assert.Empty(await f.Journal.ListAsync(10));
    }

    [Fact]
    public async Task GenerateVideo_ManyProblems_AllListedWithGivenAndAllowed()
    {
        await using var f = await AgentFixture.StartAsync();

        // An unknown model is held to the widest duration over the models (30 s on seedance-2.5): 31 is out of it.
        var outcome = await f.CallAsync(ToolNames.GenerateVideo, """{"model":"sora","size":"16x9","duration":31,"image_with_roles":[{"url":"https://e.com/a.jpg","role":"hero"}]}""");

        var violations = outcome.Structured.GetProperty("violations").EnumerateArray().ToArray();
        Assert.Equal(["model", "duration", "size", "image_with_roles[0].role"], violations.Select(v => v.GetProperty("parameter").GetString()));
        var size = violations.Single(v => v.GetProperty("parameter").GetString() == "size");
        Assert.Equal("16x9", size.GetProperty("given").GetString());
        Assert.Contains("9:16", size.GetProperty("allowed").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateVideo_NumbersAndBooleansAsStrings_Accepted()
    {
        await using var f = await AgentFixture.StartAsync();

        var outcome = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt":"x","duration":"10","generate_audio":"true"}""");

        Assert.False(outcome.IsError, outcome.Text);
        var sent = JsonDocument.Parse(f.Sandbox.ReceivedSubmitBodies[0]).RootElement;
        Assert.Equal(10, sent.GetProperty("duration").GetInt32());
        Assert.True(sent.GetProperty("generate_audio").GetBoolean());
    }

    [Fact]
    public async Task GenerateVideo_Wait_ReturnsFinishedVideoDownloadedWithProgress()
    {
        await using var f = await AgentFixture.StartAsync(s => s.TaskDuration = TimeSpan.FromSeconds(20));
        var reports = new List<Results.ToolProgress>();

        var outcome = await f.CallAdvancingAsync(ToolNames.GenerateVideo, """{"prompt":"a cat","wait":50}""", new Collect<Results.ToolProgress>(reports));

        Assert.Equal("succeeded", outcome.Str("status"));
        var video = outcome.Str("local_video_path");
        Assert.StartsWith(f.OutputDirectory, video, StringComparison.Ordinal);
        Assert.Equal("ftyp"u8.ToArray(), File.ReadAllBytes(video)[4..8]);
        Assert.True(File.Exists(outcome.Str("local_last_frame_path")));
        // A poll every 5 s and a heartbeat every 3 s over about 20 s: several reports, never a flood.
        Assert.InRange(reports.Count, 5, 15);
        Assert.Equal(100, reports[^1].Progress);
        Assert.Contains("extend_video", outcome.Str("next_step"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateVideo_Warning_OnLongMiniPrompt()
    {
        await using var f = await AgentFixture.StartAsync();

        var outcome = await f.CallAsync(ToolNames.GenerateVideo, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["model"] = "doubao-seedance-2.0-mini",
            ["prompt"] = new string('猫', 700),
        }));

        Assert.False(outcome.IsError, outcome.Text);
        Assert.Contains("prompt", outcome.Structured.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
    }

    internal sealed class Collect<T>(List<T> into) : IProgress<T>
    {
        public void Report(T value)
        {
            lock (into)
            {
                into.Add(value);
            }
        }
    }
}
