namespace Seedance.Agents.Parameters;

/// <summary>One shot of a long video as given: what it shows and, when given, how long it is.</summary>
internal sealed record ShotSpec
{
    /// <summary>What the shot shows.</summary>
    public string? Prompt { get; init; }

    /// <summary>Its length in seconds, when given (the request's default otherwise).</summary>
    public int? Duration { get; init; }
}
