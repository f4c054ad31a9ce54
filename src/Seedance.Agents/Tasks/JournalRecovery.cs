using Seedance.Agents.Downloads;
using Seedance.Agents.Journal;
using Seedance.Client;

namespace Seedance.Agents.Tasks;

/// <summary>
/// What a host runs once at start, in the background: settles submits left unconfirmed or interrupted (a crash, a
/// provider that never answered) by replay, resumes saves that were cut off, and removes partial files nobody will
/// resume, and picks up long videos whose chain was cut off (each resumes at the shot it stopped at; a shot already
/// journaled is followed, or settled by replay, never sent again). Everything it does, a tool call would also do on
/// demand; this only makes it happen without one.
/// </summary>
public sealed class JournalRecovery
{
    private readonly TaskJournal _journal;
    private readonly SequenceJournal _films;
    private readonly SeedanceClient _client;
    private readonly VideoDownloader _downloader;
    private readonly SeedanceAgentOptions _options;
    private readonly TimeProvider _time;
    private readonly JournaledSubmitter _submitter;
    private readonly ResultSaver _saver;
    private readonly SequenceRunner _sequences;

    internal JournalRecovery(TaskJournal journal, SequenceJournal films, SeedanceClient client, VideoDownloader downloader, SeedanceAgentOptions options,
        TimeProvider time, JournaledSubmitter submitter, ResultSaver saver, SequenceRunner sequences)
    {
        _sequences = sequences;
        _journal = journal;
        _films = films;
        _client = client;
        _downloader = downloader;
        _options = options;
        _time = time;
        _submitter = submitter;
        _saver = saver;
    }

    /// <summary>
    /// Runs the recovery once; returns how many submits were settled and how many saves were restarted. Does nothing when
    /// there is no journal yet (nothing can need recovering, and nothing is created).
    /// </summary>
    public async Task<(int Settled, int SavesStarted)> RunAsync(CancellationToken cancellationToken = default)
    {
        if (!_journal.Exists)
        {
            return (0, 0);
        }

        var settled = 0;
        foreach (var entry in await _journal.ListUnsettledSubmitsAsync(cancellationToken))
        {
            var (outcome, _) = await _submitter.RecoverAsync(entry, _time.GetUtcNow() + TimeSpan.FromSeconds(30), cancellationToken);
            if (outcome is RecoveryOutcome.Confirmed or RecoveryOutcome.Refused)
            {
                settled++;
            }
        }

        var saves = 0;
        var now = _time.GetUtcNow();
        foreach (var entry in await _journal.ListAsync(50, [JournalState.Succeeded], cancellationToken))
        {
            if (entry.VideoUrl is null || ResultSaver.IsSaved(entry.LocalVideoPath) || entry.ExpiresAt is { } expires && expires <= now)
            {
                continue;
            }

            try
            {
                var task = await _client.GetTaskAsync(entry.TaskId, now + TimeSpan.FromSeconds(30), cancellationToken);
                if (_saver.Request(task, entry).Status == SaveStatus.Saving)
                {
                    saves++;
                }
            }
            catch (Seedance.Client.Errors.SeedanceApiException)
            {
                // The next check_task of that task tries again.
            }
        }

        // After the submits are settled, so an interrupted shot's submit is already confirmed when its chain looks at it.
        // A film being stopped resumes too: its shot in flight is finished and saved, and the shots done are stitched.
        foreach (var state in (SequenceState[])[SequenceState.Running, SequenceState.Stopping])
        {
            foreach (var sequence in await _films.ListSequencesAsync(100, state, cancellationToken))
            {
                _sequences.Ensure(sequence.SequenceId);
            }
        }

        RemoveStalePartials(now);
        return (settled, saves);
    }

    // Partial files are resumed by the next request for their task; one untouched for longer than links live is dead.
    private void RemoveStalePartials(DateTimeOffset now)
    {
        if (!Directory.Exists(_downloader.OutputDirectory))
        {
            return;
        }

        foreach (var partial in Directory.EnumerateFiles(_downloader.OutputDirectory, ".*.part"))
        {
            try
            {
                if (now - File.GetLastWriteTimeUtc(partial) > _options.RecoveryWindow + TimeSpan.FromDays(3))
                {
                    File.Delete(partial);
                }
            }
            catch (IOException)
            {
            }
        }
    }
}
