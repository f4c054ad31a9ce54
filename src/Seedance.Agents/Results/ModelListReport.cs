using System.ComponentModel;

namespace Seedance.Agents.Results;

/// <summary>What list_models answers: every model with its limits and prices, and where the facts come from.</summary>
public sealed record ModelListReport
{
    /// <summary>The models.</summary>
    [Description("Every model usable now, with what it allows and costs.")]
    public required IReadOnlyList<ModelReport> Models { get; init; }

    /// <summary>Where the facts in force come from.</summary>
    [Description("Where the facts in force come from: provider (read today), journal cache (read earlier today), or shipped (this build's catalogue).")]
    public required string FactsFrom { get; init; }

    /// <summary>When the provider's facts were read.</summary>
    [Description("When the provider's facts in force were read; absent while the shipped catalogue is in force.")]
    public DateTimeOffset? ReadAt { get; init; }

    /// <summary>Why the provider could not be read, when it could not.</summary>
    [Description("Why the provider's facts could not be read, when they could not.")]
    public string? Problem { get; init; }

    /// <summary>What to do next.</summary>
    [Description("What to do next.")]
    public required string NextStep { get; init; }
}
