using System.Text.Json;
using Seedance.Agents.Parameters;
using Seedance.Agents.Journal;
using Seedance.Agents.Results;
using Seedance.Agents.Tools;

namespace Seedance.Agents.Tests;

/// <summary>What a paid call cut off by the toolset's hard time limit says: only a call that began sending may have created a task.</summary>
public sealed class TimeLimitTests
{
    private static readonly JsonElement EmptySchema = JsonDocument.Parse("""{"type":"object"}""").RootElement;

    [Theory]
    [InlineData(false, false, "nothing was sent or charged")]
    [InlineData(true, true, "A task may have been created")]
    public async Task PaidCall_CutOffByTheLimit_SaysASendMayExistOnlyWhenOneBegan(bool beganSending, bool charged, string words)
    {
        var path = Path.Combine(Path.GetTempPath(), "seedance-time-limit", Guid.NewGuid().ToString("N") + ".db");
        var tool = new HangingTool(beganSending);
        var definition = new SeedanceToolDefinition
        {
            Name = tool.Name, Title = "hangs", Description = "hangs", InputSchema = EmptySchema, OutputSchema = EmptySchema, Paid = true,
        };
        var toolset = new SeedanceToolset([tool], [definition], new TaskJournal(path), TimeSpan.FromMilliseconds(300), TimeProvider.System);

        var outcome = await toolset.InvokeAsync(tool.Name, EmptySchema);

        Assert.True(outcome.IsError);
        Assert.Equal("timed_out", outcome.Str("kind"));
        Assert.Equal(charged, outcome.Structured.GetProperty("charged").GetBoolean());
        var said = outcome.Str("error") + " " + outcome.Str("next_step");
        Assert.Contains(words, said, StringComparison.Ordinal);
        if (!beganSending)
        {
            Assert.DoesNotContain("may have been created", said, StringComparison.Ordinal);
        }
    }

    /// <summary>A paid tool that waits past the limit (as a question left open or a stalled upload would), after beginning to send or before.</summary>
    private sealed class HangingTool(bool beganSending) : ISeedanceTool
    {
        public string Name => "hanging_paid_tool";

        public ParameterTable Parameters => ToolParameters.Balance;

        // It looks at no argument, so the toolset leaves them to it.
        public bool ChecksRequest => true;

        public async Task<ToolOutcome> InvokeAsync(ToolArguments arguments, ToolCall call)
        {
            if (beganSending)
            {
                call.Sending.Start();
            }

            await Task.Delay(Timeout.Infinite, call.CancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
