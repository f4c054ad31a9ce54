using Seedance.Client.Models;

namespace Seedance.Agents.Films;

/// <summary>
/// How a film of a given length is cut into shots on a model: fewer, longer shots where the model renders longer clips (each
/// cut is a place the film can jump), shots of about 10 s on models of up to 15 s.
/// </summary>
public static class ShotPlanning
{
    /// <summary>The fewest shots of a plan (generate_long_video's).</summary>
    public const int MinShots = Parameters.ToolParameters.MinShots;

    /// <summary>The most shots of a plan (generate_long_video's).</summary>
    public const int MaxShots = Parameters.ToolParameters.MaxShots;

    /// <summary>The shot length aimed at on <paramref name="model"/>: two thirds of its longest clip, at least 10 s, within its range.</summary>
    public static int TargetSeconds(ModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var target = Math.Max(10, model.MaxDuration * 2 / 3);
        return Math.Clamp(target, model.MinDuration, model.MaxDuration);
    }

    /// <summary>How many shots a film of about <paramref name="totalSeconds"/> takes on <paramref name="model"/>.</summary>
    public static int ShotCount(ModelInfo model, int totalSeconds) =>
        Math.Clamp((int)Math.Ceiling(totalSeconds / (double)TargetSeconds(model)), MinShots, MaxShots);
}
