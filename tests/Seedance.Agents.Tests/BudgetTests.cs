using Microsoft.Extensions.Time.Testing;
using Seedance.Agents.Journal;
using Seedance.Agents.Spending;
using Seedance.Agents.Tools;

namespace Seedance.Agents.Tests;

/// <summary>The daily budget as a cap: calls without a price, films, and calls from several processes on one journal.</summary>
public sealed class BudgetTests
{
    [Fact]
    public async Task GenerateVideo_NoEstimate_CountsAtTheHighestKnownRateAndSaysSo()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.DailyBudgetUsd = 3m);
        const string FourK = """{"prompt": "a cat", "resolution": "4k", "duration": 4}""";

        var first = await f.CallAsync(ToolNames.GenerateVideo, FourK);
        var second = await f.CallAsync(ToolNames.GenerateVideo, FourK);
        var balance = await f.CallAsync(ToolNames.GetBalance, "{}");

        Assert.False(first.IsError, first.Text);
        Assert.Contains("counts against the daily budget as $", first.Text, StringComparison.Ordinal);
        Assert.Contains("the highest price per second known for doubao-seedance-2.0", first.Text, StringComparison.Ordinal);
        Assert.Equal("over_budget", second.Str("kind"));
        Assert.Contains("price is not known", second.Str("error"), StringComparison.Ordinal);
        Assert.True(balance.Structured.GetProperty("pending_estimates_usd").GetDecimal() > 1m);
        Assert.Equal(1, f.Sandbox.Counters.SubmitsReceived);
    }

    [Fact]
    public async Task GenerateVideo_ModelWithNoPriceAtAll_CountsAtTheHighestRateOfAnyModel()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.DailyBudgetUsd = 1m);

        var outcome = await f.CallAsync(ToolNames.GenerateVideo, """{"prompt": "a cat", "model": "doubao-seedance-2.0-mini", "duration": 15}""");

        Assert.Equal("over_budget", outcome.Str("kind"));
        Assert.Equal(0, f.Sandbox.Counters.SubmitsReceived);
    }

    [Fact]
    public async Task GenerateLongVideo_TwoFilmsThatEachFit_OnlyTheFirstIsAccepted()
    {
        await using var f = await AgentFixture.StartAsync(agent: o => o.DailyBudgetUsd = 3m);
        const string Film = """{"shots": [{"prompt": "a kite rises", "duration": 5}, {"prompt": "the kite lands", "duration": 5}]}""";

        var first = await f.CallAsync(ToolNames.GenerateLongVideo, Film);
        var second = await f.CallAsync(ToolNames.GenerateLongVideo, Film);

        Assert.False(first.IsError, first.Text);
        Assert.Equal("over_budget", second.Str("kind"));
    }

    [Fact]
    public async Task Admission_ManyCallsFromTwoProcessesOnOneJournal_NeverPassTheBudgetTogether()
    {
        var path = Path.Combine(Path.GetTempPath(), "seedance-budget-tests", Guid.NewGuid().ToString("N"), "journal.db");
        var time = new FakeTimeProvider(AgentFixture.Start);
        var options = new SeedanceAgentOptions { DailyBudgetUsd = 3m };

        // Two journals on one file are two processes: neither sees the other's in-process state.
        var databases = new[] { new JournalDatabase(path, time), new JournalDatabase(path, time) };
        var journals = databases.Select(d => new TaskJournal(d)).ToArray();
        var guards = databases.Select((d, i) => new SpendGuard(journals[i], new SequenceJournal(d), options, time)).ToArray();
        var estimate = new CostEstimate(1m, 0.1m, 10, EstimateSources.PriceTable, "10 s");

        var calls = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            try
            {
                await journals[i % 2].RecordSubmittingAsync($"unconfirmed-{i:D4}", "{}", "m", "p", null, $"key-{i}", estimate, null, null,
                    guards[i % 2].Admission(ToolNames.GenerateVideo, estimate));
                return true;
            }
            catch (ToolErrorException)
            {
                return false;
            }
        }));
        var admitted = await Task.WhenAll(calls);

        Assert.Equal(3, admitted.Count(a => a));
        Assert.Equal(3, (await journals[0].ListAsync(50)).Count);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
