namespace Seedance.Client.Configuration;

/// <summary>Names a setting the way users write it in configuration: <c>Seedance:RequestTimeout</c>.</summary>
internal static class SettingNames
{
    public static string Of(string? member) => SeedanceClientOptions.SectionName + ":" + (member ?? "?");
}
