using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.AI;
using Seedance.Agents.Spending;
using Seedance.Agents.Tools;

namespace Seedance.Agents.Tests;

/// <summary>Spend control: estimates and their sources, learning from charges, dry runs, the daily budget, confirmation, balance.</summary>
public sealed class SpendTests
{
    [Fact]
    public async Task GenerateVideo_TenSecondsAt720p_EstimateIsFromThePriceTable()
    {
        await using var f = await AgentFixture.StartAsync();

        var outcome = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a cat", "duration": 10, "resolution": "720p"}""");

        Assert.False(outcome.IsError, outcome.Text);
        Assert.Equal(1.95m, outcome.Structured.GetProperty("estimated_cost_usd").GetDecimal());
        Assert.Equal(EstimateSources.PriceTable, outcome.Str("estimate_source"));
        Assert.Contains("10 s × $0.1952/s at 720p", outcome.Str("estimate_basis"), StringComparison.Ordinal);
        Assert.Contains("May 2026", outcome.Str("estimate_basis"), StringComparison.Ordinal);
        Assert.Contains("Estimated cost: $1.95", outcome.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("doubao-seedance-2.0-mini", "720p")]
    [InlineData("doubao-seedance-2.0", "4k")]
    public async Task GenerateVideo_NoKnownPrice_SaysNoEstimateInsteadOfGuessing(string model, string resolution)
    {
        await using var f = await AgentFixture.StartAsync();

        var outcome = await f.CallAsync(ToolNames.GenerateVideo, $$"""{"prompt": "a cat", "model": "{{model}}", "resolution": "{{resolution}}"}""");

        Assert.False(outcome.IsError, outcome.Text);
        Assert.False(outcome.Structured.TryGetProperty("estimated_cost_usd", out _));
        Assert.Equal(EstimateSources.None, outcome.Str("estimate_source"));
        Assert.Contains("Estimated cost: none (no estimate", outcome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckTask_Finished_ShowsTheChargedCostBesideTheEstimate()
    {
        await using var f = await AgentFixture.StartAsync();
        var started = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a cat", "duration": 10}""");

        var done = await FinishAsync(f, started.Str("task_id"));

        Assert.Equal("succeeded", done.Str("status"));
        Assert.Equal(1.952m, done.Structured.GetProperty("cost_usd").GetDecimal());
        Assert.Equal(1.95m, done.Structured.GetProperty("estimated_cost_usd").GetDecimal());
        Assert.Contains("Estimated cost: $1.95", done.Text, StringComparison.Ordinal);
        Assert.Contains("Charged: $1.952", done.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateVideo_AfterARealCharge_EstimateUsesTheObservedRate()
    {
        await using var f = await AgentFixture.StartAsync();
        var first = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a cat", "model": "doubao-seedance-2.0-mini", "duration": 4}""");
        Assert.Equal(EstimateSources.None, first.Str("estimate_source"));
        await FinishAsync(f, first.Str("task_id"));

        var second = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a dog", "model": "doubao-seedance-2.0-mini", "duration": 10}""");
        var otherResolution = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a dog", "model": "doubao-seedance-2.0-mini", "resolution": "480p"}""");

        // The sandbox charges mini 720p at 0.10 per second: 4 s cost 0.40, so 10 s are estimated at 1.00.
        Assert.Equal(EstimateSources.Observed, second.Str("estimate_source"));
        Assert.Equal(1.00m, second.Structured.GetProperty("estimated_cost_usd").GetDecimal());
        Assert.Contains("observed in the real charges of 1 finished", second.Str("estimate_basis"), StringComparison.Ordinal);
        Assert.Equal(EstimateSources.None, otherResolution.Str("estimate_source"));
    }

    [Fact]
    public async Task GenerateVideo_ConfiguredPrice_WinsOverTheTable()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.Prices["doubao-seedance-2.0"] = new() { ["720p"] = 0.3m });

        var outcome = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a cat", "duration": 10}""");

        Assert.Equal(EstimateSources.Configured, outcome.Str("estimate_source"));
        Assert.Equal(3.00m, outcome.Structured.GetProperty("estimated_cost_usd").GetDecimal());
    }

    [Fact]
    public async Task GenerateVideo_DryRun_PricesAndShowsTheBodyWithoutSendingOrJournaling()
    {
        await using var f = await AgentFixture.StartAsync();

        var outcome = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a cat", "duration": 10, "size": "9:16", "dry_run": true}""");

        Assert.False(outcome.IsError, outcome.Text);
        Assert.True(outcome.Structured.GetProperty("dry_run").GetBoolean());
        Assert.Equal(1.95m, outcome.Structured.GetProperty("estimated_cost_usd").GetDecimal());
        var body = outcome.Structured.GetProperty("request_body");
        Assert.Equal(10, body.GetProperty("duration").GetInt32());
        Assert.Equal("9:16", body.GetProperty("size").GetString());
        Assert.False(body.TryGetProperty("dry_run", out _));
        Assert.Equal(0, f.Sandbox.Counters.SubmitsReceived);
        Assert.Empty(await f.Journal.ListAsync(10));
        Assert.Contains("Dry run, nothing sent", outcome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateVideo_DryRunWithBadArguments_IsRefusedLikeARealCall()
    {
        await using var f = await AgentFixture.StartAsync();

        var outcome = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a cat", "duration": 99, "dry_run": true}""");

        Assert.True(outcome.IsError);
        Assert.Contains("duration", outcome.ViolationParameters());
    }

    [Fact]
    public async Task ExtendVideo_DryRun_PricesWithoutSending()
    {
        await using var f = await AgentFixture.StartAsync();
        var first = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a cat", "resolution": "480p"}""");
        await FinishAsync(f, first.Str("task_id"));

        var outcome = await f.CallAsync(ToolNames.ExtendVideo, $$"""{"task_id": "{{first.Str("task_id")}}", "prompt": "it jumps", "duration": 10, "dry_run": true}""");

        Assert.False(outcome.IsError, outcome.Text);
        Assert.Equal(0.91m, outcome.Structured.GetProperty("estimated_cost_usd").GetDecimal());
        Assert.Equal("480p", outcome.Structured.GetProperty("request_body").GetProperty("resolution").GetString());
        Assert.Equal(1, f.Sandbox.Counters.SubmitsReceived);
        Assert.Single(await f.Journal.ListAsync(10));
    }

    [Fact]
    public async Task GenerateVideo_OverTheDailyBudget_IsRefusedBeforeSendingNamingBudgetSpendAndEstimate()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.DailyBudgetUsd = 3m);
        var first = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a cat", "duration": 10}""");

        var second = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a dog", "duration": 10}""");
        var smaller = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a dog", "duration": 4, "model": "doubao-seedance-2.0-fast", "resolution": "480p"}""");

        Assert.False(first.IsError, first.Text);
        Assert.True(second.IsError);
        Assert.Equal("over_budget", second.Str("kind"));
        Assert.Contains("$3.00", second.Str("error"), StringComparison.Ordinal);
        Assert.Contains("from $1.95", second.Str("error"), StringComparison.Ordinal);
        Assert.Contains("estimate of $1.95", second.Str("error"), StringComparison.Ordinal);
        Assert.False(smaller.IsError, smaller.Text);
        Assert.Equal(2, f.Sandbox.Counters.SubmitsReceived);
    }

    [Fact]
    public async Task GenerateVideo_BudgetCountsTheChargeOnceATaskFinished()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.DailyBudgetUsd = 2.5m);
        var first = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a cat", "duration": 5, "resolution": "1080p"}""");
        await FinishAsync(f, first.Str("task_id"));

        var balance = await f.CallAsync(ToolNames.GetBalance, "{}");

        Assert.Equal(2.2m, balance.Structured.GetProperty("charged_today_usd").GetDecimal());
        Assert.Equal(0.3m, balance.Structured.GetProperty("budget_left_usd").GetDecimal());
        Assert.Equal(0m, balance.Structured.GetProperty("pending_estimates_usd").GetDecimal());
        Assert.False((await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "x", "model": "doubao-seedance-2.0-fast", "duration": 4, "resolution": "480p"}""")).IsError);
        Assert.Equal("over_budget", (await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "x", "model": "doubao-seedance-2.0-fast", "duration": 4, "resolution": "480p"}""")).Str("kind"));
    }

    [Theory]
    [InlineData(PaidCallDecision.Declined)]
    [InlineData(PaidCallDecision.Cancelled)]
    public async Task GenerateVideo_UserDeclines_NothingIsSentOrJournaled(PaidCallDecision answer)
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.ConfirmAboveUsd = AgentFixture.ConfirmAt);
        var approver = new ScriptedApprover(answer);

        var outcome = await f.Toolset.InvokeAsync(ToolNames.GenerateVideo, Json("""{"prompt": "a cat", "duration": 10}"""), new ToolCallContext(Approver: approver));

        Assert.True(outcome.IsError);
        Assert.Equal("declined", outcome.Str("kind"));
        Assert.Contains("The user declined", outcome.Str("error"), StringComparison.Ordinal);
        var quote = Assert.Single(approver.Quotes);
        Assert.Contains("doubao-seedance-2.0: 10 s at 720p", quote.Message, StringComparison.Ordinal);
        Assert.Contains("$1.95", quote.Message, StringComparison.Ordinal);
        Assert.Equal(0, f.Sandbox.Counters.SubmitsReceived);
        Assert.Empty(await f.Journal.ListAsync(10));
    }

    [Fact]
    public async Task GenerateVideo_UserApproves_TheTaskStarts()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.ConfirmAboveUsd = AgentFixture.ConfirmAt);
        var approver = new ScriptedApprover(PaidCallDecision.Approved);

        var outcome = await f.Toolset.InvokeAsync(ToolNames.GenerateVideo, Json("""{"prompt": "a cat", "duration": 10}"""), new ToolCallContext(Approver: approver));

        Assert.False(outcome.IsError, outcome.Text);
        Assert.Single(approver.Quotes);
        Assert.Equal(1, f.Sandbox.Counters.SubmitsReceived);
    }

    [Theory]
    [InlineData("""{"prompt": "a cat", "duration": 4, "resolution": "480p"}""", false)]
    [InlineData("""{"prompt": "a cat", "duration": 4, "model": "doubao-seedance-2.0-mini"}""", true)]
    public async Task GenerateVideo_BelowThresholdIsNotAsked_UnknownPriceIsAsked(string arguments, bool asked)
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.ConfirmAboveUsd = AgentFixture.ConfirmAt);
        var approver = new ScriptedApprover(PaidCallDecision.Approved);

        var outcome = await f.Toolset.InvokeAsync(ToolNames.GenerateVideo, Json(arguments), new ToolCallContext(Approver: approver));

        Assert.False(outcome.IsError, outcome.Text);
        Assert.Equal(asked, approver.Quotes.Count == 1);
    }

    [Fact]
    public async Task GenerateVideo_ConfirmationOff_NeverAsks()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.ConfirmAboveUsd = null);
        var approver = new ScriptedApprover(PaidCallDecision.Declined);

        var outcome = await f.Toolset.InvokeAsync(ToolNames.GenerateVideo, Json("""{"prompt": "a cat", "duration": 15, "resolution": "1080p"}"""), new ToolCallContext(Approver: approver));

        Assert.False(outcome.IsError, outcome.Text);
        Assert.Empty(approver.Quotes);
    }

    [Fact]
    public async Task AIFunction_ApproverInTheContext_IsAsked()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.ConfirmAboveUsd = AgentFixture.ConfirmAt);
        var approver = new ScriptedApprover(PaidCallDecision.Declined);
        var generate = f.Toolset.Functions.Single(t => t.Name == ToolNames.GenerateVideo);

        var result = (JsonElement)(await generate.InvokeAsync(new AIFunctionArguments
        {
            ["prompt"] = "a cat",
            ["duration"] = 10,
            Context = new Dictionary<object, object?> { [typeof(IPaidCallApprover)] = approver },
        }))!;

        Assert.Equal("declined", result.GetProperty("kind").GetString());
        Assert.Equal(0, f.Sandbox.Counters.SubmitsReceived);
    }

    [Fact]
    public async Task GetBalance_ReadsTheProviderAndTodaysSpend()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.DailyBudgetUsd = 10m);
        await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a cat", "duration": 10}""");

        var outcome = await f.CallAsync(ToolNames.GetBalance, "{}");

        Assert.False(outcome.IsError, outcome.Text);
        Assert.Equal(f.Sandbox.RemainingBalance, outcome.Structured.GetProperty("remaining_usd").GetDecimal());
        Assert.Equal(1.95m, outcome.Structured.GetProperty("spent_today_usd").GetDecimal());
        Assert.Equal(1.95m, outcome.Structured.GetProperty("pending_estimates_usd").GetDecimal());
        Assert.Equal(8.05m, outcome.Structured.GetProperty("budget_left_usd").GetDecimal());
        Assert.Equal(1, outcome.Structured.GetProperty("tasks_today").GetInt32());
        Assert.Equal(1, f.Sandbox.Counters.BalanceCalls);
        Assert.True(f.Toolset.Definitions.Single(d => d.Name == ToolNames.GetBalance).ReadOnly);
    }

    [Fact]
    public async Task GetBalance_UnknownArgument_IsRefused()
    {
        await using var f = await AgentFixture.StartAsync();

        var outcome = await f.CallAsync(ToolNames.GetBalance, """{"currency": "EUR"}""");

        Assert.True(outcome.IsError);
        Assert.Equal(0, f.Sandbox.Counters.BalanceCalls);
    }

    [Theory]
    [InlineData(true, 3)]
    [InlineData(false, 0)]
    public async Task AsAITools_RequireApprovalOption_WrapsOnlyThePaidTools(bool require, int wrapped)
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.RequireApprovalForPaidTools = require);

        var tools = f.Toolset.AsAITools();

        Assert.Equal(f.Toolset.Functions.Count, tools.Count);
        Assert.Equal(wrapped, tools.OfType<ApprovalRequiredAIFunction>().Count());
        Assert.All(tools.OfType<ApprovalRequiredAIFunction>(), t => Assert.Contains(t.Name, new[] { ToolNames.GenerateVideo, ToolNames.ExtendVideo, ToolNames.GenerateLongVideo }));
    }

    [Theory]
    [InlineData("off", null, null, false)]
    [InlineData("1.25", "7", 1.25, false)]
    [InlineData("$2", "off", 2.0, false)]
    [InlineData("lots", null, 0.5, true)]
    public void Environment_ConfirmAndBudgetVariables_AreReadOrReported(string confirm, string? budget, double? expected, bool problem)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [SeedanceAgentEnvironment.ConfirmAboveVariable] = confirm,
                [SeedanceAgentEnvironment.DailyBudgetVariable] = budget,
            }).Build());
        services.AddSeedanceAgents(o => o.DailyBudgetUsd ??= budget is null ? 9m : null);
        using var provider = services.BuildServiceProvider();

        SeedanceAgentOptions Read() => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SeedanceAgentOptions>>().Value;

        if (problem)
        {
            var ex = Assert.Throws<Seedance.Client.Errors.SeedanceConfigurationException>(Read);
            Assert.Contains(ex.Problems, p => p.Contains("Seedance:Agents:ConfirmAboveUsd", StringComparison.Ordinal) && p.Contains(confirm, StringComparison.Ordinal));
            return;
        }

        var options = Read();
        Assert.Equal(expected is null ? null : (decimal)expected.Value, options.ConfirmAboveUsd);
        Assert.Equal(budget switch { null => 9m, "off" => null, _ => decimal.Parse(budget, System.Globalization.CultureInfo.InvariantCulture) }, options.DailyBudgetUsd);
    }

    [Fact]
    public async Task Journal_WrittenBySchemaOne_GainsTheEstimateColumnsAndKeepsItsTasks()
    {
        var path = OldJournals.Write(schema: 1);
        var journal = new Seedance.Agents.Journal.TaskJournal(path);
        await journal.RecordSubmittingAsync("unconfirmed-x", "{}", "m", "p", null, "k", new CostEstimate(1.5m, 0.15m, 10, EstimateSources.PriceTable, "10 s"));

        Assert.NotNull(await journal.FindAsync("task_old"));
        Assert.Equal(1.5m, (await journal.FindAsync("unconfirmed-x"))!.EstimatedCost);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    /// <summary>Moves the clock past the sandbox's task time and checks the task, so it is read (and journaled) finished.</summary>
    private static async Task<Seedance.Agents.Results.ToolOutcome> FinishAsync(AgentFixture f, string taskId)
    {
        f.Time.Advance(TimeSpan.FromMinutes(2));
        var done = await f.CallAsync(ToolNames.CheckTask, $$"""{"task_id": "{{taskId}}"}""");
        Assert.Equal("succeeded", done.Str("status"));
        return done;
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private sealed class ScriptedApprover(PaidCallDecision answer) : IPaidCallApprover
    {
        public List<PaidCallQuote> Quotes { get; } = [];

        public ValueTask<PaidCallDecision> ApproveAsync(PaidCallQuote quote, CancellationToken cancellationToken)
        {
            Quotes.Add(quote);
            return ValueTask.FromResult(answer);
        }
    }
}
