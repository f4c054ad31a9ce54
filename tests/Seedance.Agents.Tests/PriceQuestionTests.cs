using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Seedance.Agents.Results;
using Seedance.Agents.Spending;
using Seedance.Agents.Tools;
using Seedance.Testing;

namespace Seedance.Agents.Tests;

/// <summary>
/// The price question: the person's time is part of the one call deadline, a client that cannot be asked gets a quote to
/// confirm (and nothing is sent until it repeats the call with it), and nothing leaves the machine before the yes.
/// </summary>
public sealed class PriceQuestionTests
{
    internal const string TenSeconds = """{"prompt": "a cat", "duration": 10}""";

    [Fact]
    public async Task GenerateVideo_NoApproverAboveThreshold_ConfirmationRequiredWithQuoteAndNothingSent()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.ConfirmAboveUsd = AgentFixture.ConfirmAt);

        var outcome = await f.CallAsync(ToolNames.GenerateVideo, TenSeconds);

        Assert.True(outcome.IsError);
        Assert.Equal("confirmation_required", outcome.Str("kind"));
        Assert.False(outcome.Structured.GetProperty("charged").GetBoolean());
        var quote = outcome.Structured.GetProperty("quote");
        Assert.StartsWith("quote_", quote.GetProperty("quote_id").GetString(), StringComparison.Ordinal);
        Assert.Equal("doubao-seedance-2.0", quote.GetProperty("model").GetString());
        Assert.Equal(10, quote.GetProperty("duration_seconds").GetInt32());
        Assert.Equal("720p", quote.GetProperty("resolution").GetString());
        Assert.Equal(1.95m, quote.GetProperty("estimated_cost_usd").GetDecimal());
        Assert.Contains("confirm_quote", outcome.Str("next_step"), StringComparison.Ordinal);
        Assert.Contains("ask", outcome.Str("next_step"), StringComparison.Ordinal);
        Assert.Equal(0, f.Sandbox.Counters.SubmitsReceived);
        Assert.Empty(await f.Journal.ListAsync(10));
    }

    [Fact]
    public async Task GenerateVideo_ApproverUnavailable_ConfirmationRequiredAndNothingSent()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.ConfirmAboveUsd = AgentFixture.ConfirmAt);

        var outcome = await f.Toolset.InvokeAsync(ToolNames.GenerateVideo, Json(TenSeconds),
            new ToolCallContext(Approver: new ScriptedApprover((_, _) => Task.FromResult(PaidCallDecision.Unavailable))));

        Assert.Equal("confirmation_required", outcome.Str("kind"));
        Assert.Equal(0, f.Sandbox.Counters.SubmitsReceived);
    }

    [Fact]
    public async Task GenerateVideo_RepeatedWithTheQuote_SendsOnceAndTheQuoteIsSingleUse()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.ConfirmAboveUsd = AgentFixture.ConfirmAt);
        var first = await f.CallAsync(ToolNames.GenerateVideo, TenSeconds);
        var id = first.Structured.GetProperty("quote").GetProperty("quote_id").GetString()!;

        var confirmed = await f.CallAsync(ToolNames.GenerateVideo, $$"""{"prompt": "a cat", "duration": 10, "confirm_quote": "{{id}}"}""");
        var again = await f.CallAsync(ToolNames.GenerateVideo, $$"""{"prompt": "a cat", "duration": 10, "confirm_quote": "{{id}}"}""");

        Assert.False(confirmed.IsError, confirmed.Text);
        Assert.StartsWith("task_", confirmed.Str("task_id"), StringComparison.Ordinal);
        Assert.Equal("quote_not_accepted", again.Str("kind"));
        Assert.Contains("already used", again.Str("error"), StringComparison.Ordinal);
        Assert.Equal(1, f.Sandbox.Counters.SubmitsReceived);
    }

    [Fact]
    public async Task GenerateVideo_QuoteForOtherArguments_IsRefused()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.ConfirmAboveUsd = AgentFixture.ConfirmAt);
        var first = await f.CallAsync(ToolNames.GenerateVideo, TenSeconds);
        var id = first.Structured.GetProperty("quote").GetProperty("quote_id").GetString()!;

        var other = await f.CallAsync(ToolNames.GenerateVideo, $$"""{"prompt": "a cat", "duration": 15, "confirm_quote": "{{id}}"}""");
        var extend = await f.CallAsync(ToolNames.GenerateVideo, $$"""{"prompt": "a dog", "duration": 10, "confirm_quote": "{{id}}"}""");

        Assert.Equal("quote_not_accepted", other.Str("kind"));
        Assert.Contains("different request", other.Str("error"), StringComparison.Ordinal);
        Assert.Equal("quote_not_accepted", extend.Str("kind"));
        Assert.Equal(0, f.Sandbox.Counters.SubmitsReceived);
    }

    [Fact]
    public async Task GenerateVideo_QuoteForOneLocalImage_NotAcceptedForAnother()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.ConfirmAboveUsd = AgentFixture.ConfirmAt);
        foreach (var name in new[] { "a.png", "b.png" })
        {
            File.WriteAllBytes(Path.Combine(f.ImagesDirectory, name), Sandbox.Tests.Png.Bytes);
        }

        string With(string name, string? quote = null) =>
            $$"""{"prompt": "it walks", "duration": 10, "image_urls": ["{{Path.Combine(f.ImagesDirectory, name)}}"]"""
            + (quote is null ? "}" : $$""", "confirm_quote": "{{quote}}"}""");
        var first = await f.CallAsync(ToolNames.GenerateVideo, With("a.png"));
        var id = first.Structured.GetProperty("quote").GetProperty("quote_id").GetString()!;

        var other = await f.CallAsync(ToolNames.GenerateVideo, With("b.png", id));
        var same = await f.CallAsync(ToolNames.GenerateVideo, With("a.png", id));

        Assert.Equal("quote_not_accepted", other.Str("kind"));
        Assert.False(same.IsError, same.Text);
        Assert.Equal(1, f.Sandbox.Counters.Uploads);
    }

    [Fact]
    public async Task GenerateVideo_QuoteOlderThanTenMinutes_IsRefused()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.ConfirmAboveUsd = AgentFixture.ConfirmAt);
        var first = await f.CallAsync(ToolNames.GenerateVideo, TenSeconds);
        var id = first.Structured.GetProperty("quote").GetProperty("quote_id").GetString()!;
        f.Time.Advance(TimeSpan.FromMinutes(11));

        var late = await f.CallAsync(ToolNames.GenerateVideo, $$"""{"prompt": "a cat", "duration": 10, "confirm_quote": "{{id}}"}""");

        Assert.Equal("quote_not_accepted", late.Str("kind"));
        Assert.Contains("expired", late.Str("error"), StringComparison.Ordinal);
        Assert.Equal(0, f.Sandbox.Counters.SubmitsReceived);
    }

    [Fact]
    public async Task GenerateLongVideo_NoApprover_QuoteForTheWholeFilmThenConfirmed()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.ConfirmAboveUsd = AgentFixture.ConfirmAt);
        const string Film = """{"shots": [{"prompt": "a kite rises", "duration": 5}, {"prompt": "the kite lands", "duration": 5}]""";

        var first = await f.CallAsync(ToolNames.GenerateLongVideo, Film + "}");
        var id = first.Structured.GetProperty("quote").GetProperty("quote_id").GetString()!;
        var confirmed = await f.CallAsync(ToolNames.GenerateLongVideo, Film + $$""", "confirm_quote": "{{id}}"}""");

        Assert.Equal("confirmation_required", first.Str("kind"));
        Assert.Equal(2, first.Structured.GetProperty("quote").GetProperty("shots").GetInt32());
        Assert.False(confirmed.IsError, confirmed.Text);
        Assert.StartsWith("seq_", confirmed.Str("sequence_id"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateVideo_LocalImageDeclined_NothingIsUploaded()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.ConfirmAboveUsd = AgentFixture.ConfirmAt);
        var image = Path.Combine(f.ImagesDirectory, "cat.png");
        File.WriteAllBytes(image, Sandbox.Tests.Png.Bytes);
        var arguments = Json($$"""{"prompt": "the cat walks", "duration": 10, "image_with_roles": [{"url": "{{image}}", "role": "first_frame"}]}""");

        var declined = await f.Toolset.InvokeAsync(ToolNames.GenerateVideo, arguments,
            new ToolCallContext(Approver: new ScriptedApprover((_, _) => Task.FromResult(PaidCallDecision.Declined))));
        var unasked = await f.Toolset.InvokeAsync(ToolNames.GenerateVideo, arguments);

        Assert.Equal("declined", declined.Str("kind"));
        Assert.Equal("confirmation_required", unasked.Str("kind"));
        Assert.Equal(0, f.Sandbox.Counters.Uploads);
        Assert.Equal(0, f.Sandbox.Counters.SubmitsReceived);
    }

    [Fact]
    public async Task GenerateVideo_LocalImageOverBudget_NothingIsUploaded()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.DailyBudgetUsd = 1m);
        var image = Path.Combine(f.ImagesDirectory, "cat.png");
        File.WriteAllBytes(image, Sandbox.Tests.Png.Bytes);

        var outcome = await f.CallAsync(ToolNames.GenerateVideo,
            $$"""{"prompt": "the cat walks", "duration": 10, "image_with_roles": [{"url": "{{image}}", "role": "first_frame"}]}""");

        Assert.Equal("over_budget", outcome.Str("kind"));
        Assert.Equal(0, f.Sandbox.Counters.Uploads);
    }

    [Fact]
    public async Task AsAITools_ApprovedByTheHost_CountsAsTheConfirmation()
    {
        await using var f = await AgentFixture.StartAsync(agent: o =>
        {
            o.ConfirmAboveUsd = AgentFixture.ConfirmAt;
            o.RequireApprovalForPaidTools = true;
        });
        var generate = f.Toolset.AsAITools().OfType<ApprovalRequiredAIFunction>().Single(t => t.Name == ToolNames.GenerateVideo);
        var plain = f.Toolset.Functions.Single(t => t.Name == ToolNames.GenerateVideo);

        // The host invokes the wrapped tool only after the user approved the call.
        var approved = (JsonElement)(await generate.InvokeAsync(new AIFunctionArguments { ["prompt"] = "a cat", ["duration"] = 10 }))!;
        var unapproved = (JsonElement)(await plain.InvokeAsync(new AIFunctionArguments { ["prompt"] = "a cat", ["duration"] = 10 }))!;

        Assert.StartsWith("task_", approved.GetProperty("task_id").GetString(), StringComparison.Ordinal);
        Assert.Equal("confirmation_required", unapproved.GetProperty("kind").GetString());
        Assert.Equal(1, f.Sandbox.Counters.SubmitsReceived);
    }

    /// <summary>Runs a call with <paramref name="approver"/>, moving the clock in small steps; returns the outcome and the clock time it took.</summary>
    internal static async Task<(ToolOutcome Outcome, TimeSpan Took)> CallAdvancingAsync(AgentFixture f, string arguments, IPaidCallApprover approver)
    {
        var start = f.Time.GetUtcNow();
        var call = f.Toolset.InvokeAsync(ToolNames.GenerateVideo, Json(arguments), new ToolCallContext(Approver: approver));
        var ended = call.ContinueWith(_ => f.Time.GetUtcNow(), TaskScheduler.Default);
        // Small steps: the clock must not run far ahead of the real HTTP round trips after the answer.
        await f.Time.AdvanceUntilDoneAsync(call, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5));
        return (await call, await ended - start);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    internal sealed class ScriptedApprover(Func<PaidCallQuote, CancellationToken, Task<PaidCallDecision>> answer) : IPaidCallApprover
    {
        public async ValueTask<PaidCallDecision> ApproveAsync(PaidCallQuote quote, CancellationToken cancellationToken) =>
            await answer(quote, cancellationToken);
    }
}
