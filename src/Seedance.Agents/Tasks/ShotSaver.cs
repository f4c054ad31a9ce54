using Seedance.Agents.Journal;
using Seedance.Client.Tasks;

namespace Seedance.Agents.Tasks;

/// <summary>The third step of a long video's shot: its finished clip saved on this machine, for the film to be stitched from.</summary>
internal sealed class ShotSaver
{
    private readonly TaskJournal _journal;
    private readonly ResultSaver _saver;
    private readonly SeedanceAgentOptions _options;
    private readonly TimeProvider _time;

    public ShotSaver(TaskJournal journal, ResultSaver saver, SeedanceAgentOptions options, TimeProvider time)
    {
        _journal = journal;
        _saver = saver;
        _options = options;
        _time = time;
    }

    /// <summary>Saves a finished shot (resuming partial downloads between attempts); the clip's path, or why it is not saved.</summary>
    public async Task<(string? Video, string? Problem)> SaveAsync(SeedanceTask task, CancellationToken cancellationToken)
    {
        string? problem = null;
        for (var attempt = 0; attempt < 4; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(5 * attempt), _time, cancellationToken);
            }

            var entry = await _journal.FindAsync(task.Id, cancellationToken);
            var state = _saver.Request(task, entry);
            if (state.Status == SaveStatus.None)
            {
                return (null, _options.DownloadResults ? "the provider gave no video link" : $"downloads are off ({SeedanceAgentEnvironment.DownloadVariable})");
            }

            state = await _saver.WaitAsync(task.Id, state, _time.GetUtcNow() + TimeSpan.FromHours(1), progress: null, cancellationToken);
            if (state.Video is not null)
            {
                return (state.Video, null);
            }

            problem = state.Problem ?? "the download did not finish";
        }

        return (null, problem);
    }
}
