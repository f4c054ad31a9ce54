using Seedance.Agents.Films;
using Seedance.Agents.Journal;
using Seedance.Client.Requests;

namespace Seedance.Agents.Tasks;

/// <summary>The last step of a long video: its saved shots stitched into the film, whole or, after a stop, as far as it got.</summary>
internal sealed class FilmFinisher
{
    private readonly SequenceJournal _films;
    private readonly FilmStitcher _stitcher;
    private readonly SequenceStops _stops;

    public FilmFinisher(SequenceJournal films, FilmStitcher stitcher, SequenceStops stops)
    {
        _films = films;
        _stitcher = stitcher;
        _stops = stops;
    }

    /// <summary>Stitches every shot of a film that ran to its end; a shot not saved on this machine leaves it unstitched.</summary>
    public async Task CompletedAsync(string id, List<string> clips, List<string> unsaved, CancellationToken cancellationToken)
    {
        if (unsaved.Count > 0)
        {
            await _films.UpdateSequenceAsync(id, SequenceState.Unstitched,
                problem: $"not every shot is saved on this machine, so no film was made ({string.Join("; ", unsaved)})", cancellationToken: CancellationToken.None);
            return;
        }

        var stitched = await _stitcher.StitchAsync(id, clips, cancellationToken);
        await _films.UpdateSequenceAsync(id, stitched.FilmPath is null ? SequenceState.Unstitched : SequenceState.Succeeded, stitched.FilmPath,
            stitched.Seconds, stitched.Method, stitched.Command, problem: stitched.Problem, cancellationToken: CancellationToken.None);
    }

    /// <summary>
    /// Ends a stopped film at <paramref name="shot"/>, the first shot not in it: either never sent (the stop came first) or sent before
    /// the stop and then failed. The shots before it, each finished and saved by now, are all the film has; they are stitched into
    /// a shorter film when every one is saved.
    /// </summary>
    public async Task StoppedAsync(string id, IReadOnlyList<VideoGenerationRequest> plan, int shot, int planned, List<string> clips,
        List<string> unsaved, CancellationToken cancellationToken)
    {
        var kept = shot - 1;
        var problem = _stops.TakeFailureWhileStopping(id) is { } failure
            ? $"stopped on request; {failure}, so the film holds the {kept} shot(s) before it" + (shot < planned ? $" ({Range(shot + 1, planned)} never sent)" : string.Empty)
            : $"stopped on request after shot {kept} of {planned}: {Range(shot, planned)} never sent (nothing was charged for them)";
        var planJson = SequencePlan.Write([.. plan.Take(kept)]);
        if (kept == 0 || unsaved.Count > 0)
        {
            var why = kept == 0 ? "no shot was finished" : $"not every shot is saved on this machine ({string.Join("; ", unsaved)})";
            await _films.FinishStoppedAsync(id, kept, planJson, null, null, null, null, $"{problem}; no film was made: {why}", CancellationToken.None);
            return;
        }

        var stitched = await _stitcher.StitchAsync(id, clips, cancellationToken);
        await _films.FinishStoppedAsync(id, kept, planJson, stitched.FilmPath, stitched.Seconds, stitched.Method, stitched.Command,
            stitched.FilmPath is null ? $"{problem}; no film was made: {stitched.Problem}" : problem, CancellationToken.None);
    }

    private static string Range(int from, int to) => from == to ? $"shot {from} was" : $"shots {from} to {to} were";
}
