using System.Globalization;
using Seedance.Agents.Journal;
using Seedance.Agents.Parameters;
using Seedance.Agents.Results;
using Seedance.Agents.Spending;
using Seedance.Agents.Tasks;
using Seedance.Client.Models;

namespace Seedance.Agents.Tools;

/// <summary>
/// stop_long_video: no further shot of a running film is sent (the journal refuses to record one, so the stop and the next
/// shot's submit cannot cross); the shot already sent is finished and saved, since it is paid for, and the shots done are
/// stitched into a shorter film by the <see cref="SequenceRunner"/>. Free; stopping twice is the same as once.
/// </summary>
internal sealed class StopLongVideoTool : ISeedanceTool
{
    private readonly SequenceJournal _films;
    private readonly SequenceRunner _runner;
    private readonly SequenceReporter _reporter;
    private readonly CostEstimator _estimator;

    public StopLongVideoTool(SequenceJournal films, SequenceRunner runner, SequenceReporter reporter, CostEstimator estimator)
    {
        _films = films;
        _runner = runner;
        _reporter = reporter;
        _estimator = estimator;
    }

    public ParameterTable Parameters => ToolParameters.Stop;

    public string Name => ToolNames.StopLongVideo;

    public static SeedanceToolDefinition Define(ModelCatalog catalog) => new()
    {
        Name = ToolNames.StopLongVideo,
        Title = "Stop a long video",
        Description =
            "Stop a long video made by generate_long_video when the user wants no more of it (the story is told, or a shot went wrong): "
            + "no further shot is sent or charged. A shot already sent cannot be called back; it is finished and saved, and the shots done "
            + "are stitched into a shorter film. Free. Returns the film's state; follow it with check_task and the sequence_id until done is true.",
        InputSchema = ParameterSchema.Write(ToolParameters.Stop, catalog),
        OutputSchema = OutputSchemas.Sequence,
        Idempotent = true,
    };

    public async Task<ToolOutcome> InvokeAsync(ToolArguments read, ToolCall call)
    {
        var cancellationToken = call.CancellationToken;
        var id = read.Text(ToolParameters.SequenceId)!.Trim();
        var wait = read.Number(ToolParameters.Wait);
        var sequence = await _films.FindSequenceAsync(id, cancellationToken) ?? throw ToolErrorException.UnknownTask(id);
        string note;
        if (await _films.RequestStopAsync(id, cancellationToken))
        {
            // The journal now refuses this film's next shot: whatever is journaled now is all that was (or is being) sent.
            _runner.Ensure(id);
            note = await StoppedNoteAsync(sequence, CancellationToken.None);
        }
        else
        {
            sequence = await _films.FindSequenceAsync(id, cancellationToken) ?? sequence;
            note = sequence.State switch
            {
                SequenceState.Stopping => "this film is already stopping",
                SequenceState.Running => $"every one of the {sequence.ShotCount} shots was already sent, so there was nothing left to stop: the film "
                    + "finishes as planned",
                _ => $"nothing to stop: this film is already {sequence.State.ToString().ToLowerInvariant()}",
            };
        }

        return ToolOutcomes.Success(await _reporter.ReportAsync(id, wait, call, [note]));
    }

    private static string Shots(int from, int to) =>
        from == to ? $"shot {from.ToString(CultureInfo.InvariantCulture)}" : $"shots {from.ToString(CultureInfo.InvariantCulture)} to {to.ToString(CultureInfo.InvariantCulture)}";

    // What the stop means for this film. Best effort: the stop is already recorded, so a journal that cannot be read now only
    // makes the note shorter.
    private async Task<string> StoppedNoteAsync(SequenceEntry sequence, CancellationToken cancellationToken)
    {
        try
        {
            var sent = (await _films.ShotsAsync(sequence.SequenceId, cancellationToken)).Count;
            return $"stopped: {Shots(sent + 1, sequence.ShotCount)} will not be sent{await SavedAsync(sequence, sent, cancellationToken)}; "
                + (sent > 0
                    ? $"shot {sent} had already been sent: it is followed to its end (it is paid for) and ends the film if it succeeds"
                    : "no shot had been sent");
        }
        catch (TaskJournalException)
        {
            return "stopped: no further shot will be sent";
        }
    }

    // What the shots never sent would cost, priced now as a new film would be.
    private async Task<string> SavedAsync(SequenceEntry sequence, int sent, CancellationToken cancellationToken)
    {
        var plan = SequencePlan.Read(sequence.PlanJson);
        decimal saved = 0;
        for (var shot = sent + 1; shot <= Math.Min(sequence.ShotCount, plan.Count); shot++)
        {
            if ((await _estimator.EstimateAsync(plan[shot - 1], cancellationToken)).Usd is not { } usd)
            {
                return string.Empty;
            }

            saved += usd;
        }

        return saved > 0 ? $" (about {CostEstimate.Money(saved)} not spent)" : string.Empty;
    }
}
