using System.Net;
using System.Text;
using System.Text.Json;

namespace Seedance.Sandbox.Tests;

/// <summary>The sandbox keeps Idempotency-Key as the provider does: same key and bytes, same task; other bytes, 409.</summary>
public sealed class IdempotencyTests
{
    private const string Body = """{"model":"doubao-seedance-2.0","prompt":"a cat surfing","duration":5}""";

    [Fact]
    public async Task SameKeySameBody_SameTaskReplayedNothingCharged()
    {
        await using var f = await SandboxFixture.StartAsync();

        var first = await PostAsync(f, Body, "idem-1");
        var balance = f.Sandbox.RemainingBalance;
        var second = await PostAsync(f, Body, "idem-1");

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(first.TaskId, second.TaskId);
        Assert.Null(first.Replayed);
        Assert.Equal("true", second.Replayed);
        Assert.Equal(1, f.Sandbox.Counters.TasksCreated);
        Assert.Equal(1, f.Sandbox.Counters.Replays);
        Assert.Equal(2, f.Sandbox.Counters.SubmitsReceived);
        Assert.Equal(balance, f.Sandbox.RemainingBalance);
    }

    [Fact]
    public async Task SameKeyOtherBody_409EnvelopeAndNoTask()
    {
        await using var f = await SandboxFixture.StartAsync();
        await PostAsync(f, Body, "idem-2");

        var other = await PostAsync(f, Body.Replace("\"duration\":5", "\"duration\":6", StringComparison.Ordinal), "idem-2");

        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Contains("different request body", other.Error, StringComparison.Ordinal);
        Assert.Equal(1, f.Sandbox.Counters.TasksCreated);
        Assert.Equal(0, f.Sandbox.Counters.Replays);
    }

    [Fact]
    public async Task WhitespaceDifference_CountsAsAnotherBody()
    {
        await using var f = await SandboxFixture.StartAsync();
        await PostAsync(f, Body, "idem-3");

        var other = await PostAsync(f, Body + " ", "idem-3");

        Assert.Equal(HttpStatusCode.Conflict, other.Status);
    }

    [Fact]
    public async Task NoKey_EverySubmitIsANewTask()
    {
        await using var f = await SandboxFixture.StartAsync();

        var first = await PostAsync(f, Body, null);
        var second = await PostAsync(f, Body, null);

        Assert.NotEqual(first.TaskId, second.TaskId);
        Assert.Equal(2, f.Sandbox.Counters.TasksCreated);
    }

    [Fact]
    public async Task DifferentKeys_TwoTasks()
    {
        await using var f = await SandboxFixture.StartAsync();

        await PostAsync(f, Body, "idem-a");
        await PostAsync(f, Body, "idem-b");

        Assert.Equal(2, f.Sandbox.Counters.TasksCreated);
        Assert.Equal(0, f.Sandbox.Counters.Replays);
    }

    [Fact]
    public async Task RefusedRequest_KeyNotTaken()
    {
        await using var f = await SandboxFixture.StartAsync(s => s.StartingBalance = 0.01m);

        var refused = await PostAsync(f, Body, "idem-poor");
        var again = await PostAsync(f, Body.Replace("5", "4", StringComparison.Ordinal), "idem-poor");

        Assert.Equal(HttpStatusCode.PaymentRequired, refused.Status);
        Assert.Equal(HttpStatusCode.PaymentRequired, again.Status);
        Assert.Equal(0, f.Sandbox.Counters.TasksCreated);
    }

    [Fact]
    public async Task ConcurrentIdenticalSubmits_OneTask()
    {
        await using var f = await SandboxFixture.StartAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(f, Body, "idem-race")));

        Assert.Single(answers.Select(a => a.TaskId).Distinct());
        Assert.Equal(1, f.Sandbox.Counters.TasksCreated);
        Assert.Equal(7, f.Sandbox.Counters.Replays);
    }

    [Theory]
    [InlineData("drop")]
    [InlineData("truncated")]
    [InlineData("malformed")]
    public async Task AnswerSpoiledAfterTheWork_ReplayFindsTheTask(string fault)
    {
        await using var f = await SandboxFixture.StartAsync();
        f.Sandbox.Faults.Add("submit/" + fault);

        try
        {
            await PostAsync(f, Body, "idem-spoiled");
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // The spoiled answer itself is what a client cannot read.
        }

        var replay = await PostAsync(f, Body, "idem-spoiled");

        Assert.Equal("true", replay.Replayed);
        Assert.Equal([replay.TaskId!], f.Sandbox.TaskIds);
        Assert.Equal(1, f.Sandbox.Counters.TasksCreated);
    }

    [Fact]
    public async Task Stats_ShowReplays()
    {
        await using var f = await SandboxFixture.StartAsync();
        await PostAsync(f, Body, "idem-s");
        await PostAsync(f, Body, "idem-s");

        var stats = JsonDocument.Parse(await f.Raw.GetStringAsync("/_sandbox/stats")).RootElement;

        Assert.Equal(1, stats.GetProperty("replays").GetInt32());
        Assert.Equal(1, stats.GetProperty("tasks_created").GetInt32());
    }

    [Fact]
    public async Task KeyTooLong_400()
    {
        await using var f = await SandboxFixture.StartAsync();

        var answer = await PostAsync(f, Body, new string('k', 192));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(0, f.Sandbox.Counters.TasksCreated);
    }

    private static async Task<(HttpStatusCode Status, string? TaskId, string? Replayed, string? Error)> PostAsync(SandboxFixture f, string body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/videos/generations")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await f.Raw.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var replayed = response.Headers.TryGetValues("Idempotency-Replayed", out var values) ? values.Single() : null;
        var root = JsonDocument.Parse(text).RootElement;
        if (!response.IsSuccessStatusCode)
        {
            return (response.StatusCode, null, replayed, root.GetProperty("error").GetProperty("message").GetString());
        }

        return (response.StatusCode, root.GetProperty("data")[0].GetProperty("task_id").GetString(), replayed, null);
    }
}
