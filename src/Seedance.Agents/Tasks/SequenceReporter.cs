using System.Globalization;
using Seedance.Agents.Journal;
using Seedance.Agents.Results;
using Seedance.Agents.Tools;

namespace Seedance.Agents.Tasks;

/// <summary>
/// Reports on a long video from the journal, waiting within a call when asked (with progress: the overall percentage and
/// the shot in hand), and makes sure its chain runs in this process while it has work left (a host without recovery at
/// start, or ffmpeg installed since the shots were saved).
/// </summary>
internal sealed class SequenceReporter
{
    private readonly SequenceJournal _films;
    private readonly SequenceRunner _runner;
    private readonly TaskWaiter _waiter;
    private readonly SeedanceAgentOptions _options;
    private readonly TimeProvider _time;

    public SequenceReporter(SequenceJournal films, SequenceRunner runner, TaskWaiter waiter, SeedanceAgentOptions options, TimeProvider time)
    {
        _films = films;
        _runner = runner;
        _waiter = waiter;
        _options = options;
        _time = time;
    }

    /// <summary>The report of <paramref name="sequenceId"/>, after waiting up to <paramref name="wait"/> seconds for it to end.</summary>
    public async Task<SequenceReport> ReportAsync(string sequenceId, int wait, ToolCall call, IReadOnlyList<string>? warnings = null)
    {
        var cancellationToken = call.CancellationToken;
        var sequence = await _films.FindSequenceAsync(sequenceId, cancellationToken) ?? throw ToolErrorException.UnknownTask(sequenceId);
        if (sequence.State is SequenceState.Running or SequenceState.Stopping || (sequence.State == SequenceState.Unstitched && _options.DownloadResults && sequence.StitchCommand is not null))
        {
            _runner.Ensure(sequenceId);
        }

        var start = _time.GetUtcNow();
        var until = Min(start + TimeSpan.FromSeconds(wait), call.DeadlineFor(wait) - ToolCall.AnswerTime);
        var nextRead = start;
        while (true)
        {
            sequence = await _films.FindSequenceAsync(sequenceId, CancellationToken.None) ?? sequence;
            var shots = await _films.ShotsAsync(sequenceId, CancellationToken.None);
            var report = SequenceReportFactory.Build(sequence, shots, warnings);
            var now = _time.GetUtcNow();
            var busy = sequence.State is SequenceState.Running or SequenceState.Stopping || _runner.IsRunning(sequenceId);
            if (wait > 0)
            {
                call.Progress?.Report(new ToolProgress(report.Progress, Describe(report)));
            }

            if (!busy || now >= until)
            {
                return report;
            }

            // Between the chain's own (sparse) polls, read the shot in hand now and then, so the progress moves (reading is free).
            if (now >= nextRead && shots.LastOrDefault(s => s.State is JournalState.Queued or JournalState.Running) is { } current)
            {
                nextRead = now + _options.WaitPollInterval;
                try
                {
                    await _waiter.ReadAsync(current.TaskId, until, cancellationToken);
                }
                catch (Exception ex) when (ex is Client.Errors.SeedanceApiException or ToolErrorException)
                {
                }
            }

            var wake = Min(until, _time.GetUtcNow() + _options.ProgressHeartbeat) - _time.GetUtcNow();
            if (wake > TimeSpan.Zero)
            {
                await Task.WhenAny(_runner.StoppedAsync(sequenceId), Task.Delay(wake, _time, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    private static string Describe(SequenceReport report)
    {
        var current = report.Shots.FirstOrDefault(s => s.Status != "succeeded");
        return current is null || report.Done
            ? $"{report.SequenceId}: {report.Status} ({report.ShotsDone}/{report.ShotCount} shots)"
            : $"{report.SequenceId}: shot {current.Shot.ToString(CultureInfo.InvariantCulture)}/{report.ShotCount} {current.Status}"
                + (current.Progress is { } p ? $" {p}%" : string.Empty) + $", film {report.Progress}%";
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
