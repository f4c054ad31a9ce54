using System.Text.Json;
using Seedance.Agents.Spending;
using Seedance.Agents.Tools;
using Seedance.Client;
using Seedance.Sandbox;

namespace Seedance.Agents.Tests;

/// <summary>
/// The models follow the provider (the sandbox standing in for it, with a key set): its schemas, prices and model list win
/// over the shipped catalogue once read in the background, and when they cannot be read every call behaves as before.
/// </summary>
public sealed class ModelFactsTests
{
    private static Task<AgentFixture> StartAsync(Action<SandboxOptions>? sandbox = null) =>
        AgentFixture.StartAsync(sandbox, agent: o => o.RefreshModelFacts = true);

    /// <summary>The first call starts the reading; this waits for it (real time: the sandbox answers at once).</summary>
    private static async Task RefreshedAsync(AgentFixture f)
    {
        await f.CallAsync(ToolNames.ListTasks, "{}");
        await f.ModelFacts.WaitAsync(TimeSpan.FromSeconds(20), CancellationToken.None);
    }

    private static JsonElement Violation(Seedance.Agents.Results.ToolOutcome outcome, string parameter) =>
        outcome.Structured.GetProperty("violations").EnumerateArray().Single(v => v.GetProperty("parameter").GetString() == parameter);

    [Fact]
    public async Task Seedance25_ThirtySecondsPricedAndAccepted_ThirtyOneRefusedBeforeSending()
    {
        await using var f = await StartAsync();
        await RefreshedAsync(f);

        var thirty = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a kite over dunes", "model": "seedance-2.5", "duration": 30}""");
        var thirtyOne = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a kite over dunes", "model": "seedance-2.5", "duration": 31}""");

        Assert.False(thirty.IsError, thirty.Text);
        Assert.Equal(6.48m, thirty.Structured.GetProperty("estimated_cost_usd").GetDecimal());
        Assert.Equal(EstimateSources.PriceTable, thirty.Str("estimate_source"));
        Assert.True(thirtyOne.IsError);
        Assert.Contains("from 4 to 30", Violation(thirtyOne, "duration").GetProperty("allowed").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, f.Sandbox.Counters.SubmitsReceived);
        Assert.Equal("provider", f.ModelFacts.Source);
    }

    [Fact]
    public async Task Seedance25_ModelChoosesLength_EstimatedAndBudgetedAtThirtySeconds()
    {
        await using var f = await AgentFixture.StartAsync();

        var chosen = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a kite", "model": "doubao-seedance-2.5", "duration": -1, "dry_run": true}""");

        Assert.False(chosen.IsError, chosen.Text);
        Assert.Equal(6.48m, chosen.Structured.GetProperty("estimated_cost_usd").GetDecimal());
        Assert.Contains("30 s × $0.2160/s", chosen.Str("estimate_basis"), StringComparison.Ordinal);
        Assert.Contains("reported", chosen.Str("estimate_basis"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderLowers20ToTwelveSeconds_FifteenRefusedBeforeSending()
    {
        await using var f = await StartAsync(s => s.ModelChanges.Add("doubao-seedance-2.0:max_duration=12"));
        await RefreshedAsync(f);

        var fifteen = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a cat", "duration": 15}""");
        var twelve = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a cat", "duration": 12}""");

        Assert.True(fifteen.IsError);
        Assert.Equal("an integer from 4 to 12 (seconds) on doubao-seedance-2.0", Violation(fifteen, "duration").GetProperty("allowed").GetString());
        Assert.False(twelve.IsError, twelve.Text);
        Assert.Equal(1, f.Sandbox.Counters.SubmitsReceived);
    }

    [Fact]
    public async Task ModelTheProviderAdds_IsUsableWithItsSchemasLimitsAndPrice()
    {
        await using var f = await StartAsync(s => s.ModelChanges.Add("+seedance-3.0:resolutions=720p|1080p;max_duration=20;price_720p=0.3"));
        await RefreshedAsync(f);

        var twenty = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a cat", "model": "seedance-3.0", "duration": 20}""");
        var four80 = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a cat", "model": "seedance-3.0", "resolution": "480p"}""");

        Assert.False(twenty.IsError, twenty.Text);
        Assert.Equal(6.00m, twenty.Structured.GetProperty("estimated_cost_usd").GetDecimal());
        Assert.Contains("provider pricing", twenty.Str("estimate_basis"), StringComparison.Ordinal);
        Assert.True(four80.IsError);
        Assert.Contains("720p, 1080p on seedance-3.0", Violation(four80, "resolution").GetProperty("allowed").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"model\":\"seedance-3.0\"", f.Sandbox.ReceivedSubmitBodies.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderListsTheOtherIdOf25_ThatIdIsSent()
    {
        await using var f = await StartAsync(s => s.ModelChanges.Add("seedance-2.5:id=doubao-seedance-2.5"));
        await RefreshedAsync(f);

        var outcome = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a kite", "model": "seedance-2.5", "duration": 8}""");

        Assert.False(outcome.IsError, outcome.Text);
        Assert.Contains("\"model\":\"doubao-seedance-2.5\"", f.Sandbox.ReceivedSubmitBodies.Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("models/500*999")]
    [InlineData("models/malformed*999")]
    public async Task SchemaEndpointFailing_EveryCallBehavesAsToday(string fault)
    {
        await using var f = await StartAsync(s => s.Faults.Add(fault));
        await f.CallAsync(ToolNames.ListTasks, "{}");

        var fifteen = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a cat", "duration": 15, "resolution": "720p"}""");
        var sixteen = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a cat", "duration": 16}""");

        Assert.False(fifteen.IsError, fifteen.Text);
        Assert.Equal(2.93m, fifteen.Structured.GetProperty("estimated_cost_usd").GetDecimal());
        Assert.Contains("May 2026", fifteen.Str("estimate_basis"), StringComparison.Ordinal);
        Assert.True(sixteen.IsError);
        Assert.Equal("shipped", f.ModelFacts.Source);
    }

    [Fact]
    public async Task ReadOnceADay_KeptDatedInTheJournal()
    {
        await using var f = await StartAsync();
        await RefreshedAsync(f);
        var afterFirst = f.Sandbox.Counters.ModelFactCalls;

        await RefreshedAsync(f);
        var sameDay = f.Sandbox.Counters.ModelFactCalls;
        f.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await RefreshedAsync(f);

        Assert.True(afterFirst > 0);
        Assert.Equal(afterFirst, sameDay);
        Assert.True(f.Sandbox.Counters.ModelFactCalls > sameDay);
        Assert.Equal("provider", f.ModelFacts.Source);
        using var journal = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={f.JournalPath}");
        journal.Open();
        using var count = journal.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM provider_facts WHERE name = 'models' OR name = 'schema:seedance-2.5'";
        Assert.Equal(2L, (long)count.ExecuteScalar()!);
    }

    [Fact]
    public async Task ListModels_ShowsTodaysLimitsAndPricesWithSourceAndDate()
    {
        await using var f = await StartAsync(s => s.ModelChanges.Add("doubao-seedance-2.0:max_duration=12;price_720p=0.25"));

        var outcome = await f.CallAsync(ToolNames.ListModels, "{}");

        Assert.False(outcome.IsError, outcome.Text);
        Assert.Equal("provider", outcome.Str("facts_from"));
        var models = outcome.Structured.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        var standard = models["doubao-seedance-2.0"];
        Assert.Equal(12, standard.GetProperty("max_duration_seconds").GetInt32());
        Assert.StartsWith("provider model-schema", standard.GetProperty("limits_source").GetString(), StringComparison.Ordinal);
        Assert.Equal("2026-11-25", standard.GetProperty("limits_checked_on").GetString());
        var at720 = standard.GetProperty("prices").EnumerateArray().Single(p => p.GetProperty("resolution").GetString() == "720p");
        Assert.Equal(0.25m, at720.GetProperty("usd_per_second").GetDecimal());
        Assert.Equal("provider pricing", at720.GetProperty("source").GetString());
        Assert.True(models["seedance-2.5"].GetProperty("provider_extends").GetBoolean());
        Assert.False(standard.GetProperty("provider_extends").GetBoolean());
        Assert.Contains("doubao-seedance-2.0: an integer from 4 to 12 (seconds)", outcome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListModels_WithoutTheProvider_ShowsTheShippedFactsMarkedReported()
    {
        await using var f = await AgentFixture.StartAsync();

        var outcome = await f.CallAsync(ToolNames.ListModels, "{}");

        Assert.Equal("shipped", outcome.Str("facts_from"));
        var v25 = outcome.Structured.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "seedance-2.5");
        Assert.True(v25.GetProperty("limits_reported").GetBoolean());
        Assert.Equal(["doubao-seedance-2.5"], v25.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("reported", outcome.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_LearnsFromChargesUnderEitherIdOf25()
    {
        await using var f = await AgentFixture.StartAsync();
        var first = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a kite", "model": "seedance-2.5", "duration": 10, "resolution": "480p"}""");
        f.Time.Advance(TimeSpan.FromMinutes(2));
        var done = await f.CallAsync(ToolNames.CheckTask, $$"""{"task_id": "{{first.Str("task_id")}}"}""");

        var byAlias = await f.CallAsync(ToolNames.GenerateVideo,
            """{"prompt": "a kite", "model": "doubao-seedance-2.5", "duration": 10, "resolution": "480p", "dry_run": true}""");

        Assert.Equal("succeeded", done.Str("status"));
        Assert.Equal(0.961m, done.Structured.GetProperty("cost_usd").GetDecimal());
        Assert.Equal(EstimateSources.Observed, byAlias.Str("estimate_source"));
        Assert.Contains("1 finished seedance-2.5 480p task", byAlias.Str("estimate_basis"), StringComparison.Ordinal);
    }
}
