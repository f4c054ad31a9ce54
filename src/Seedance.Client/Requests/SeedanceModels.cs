namespace Seedance.Client.Requests;

/// <summary>The model names the provider documents for Seedance 2.0.</summary>
public static class SeedanceModels
{
    /// <summary>The standard model: every feature, up to 4k.</summary>
    public const string Standard = "doubao-seedance-2.0";
    /// <summary>Same features, faster, 480p/720p only.</summary>
    public const string Fast = "doubao-seedance-2.0-fast";
    /// <summary>The mini model: 480p/720p, no asset URLs, no hard prompt limit.</summary>
    public const string Mini = "doubao-seedance-2.0-mini";
}
