using Seedance.Client.Callers;

namespace Seedance.Agents.Downloads;

/// <summary>
/// Where the current caller's files go under an output folder: the folder itself for the local user, and
/// <c>users/&lt;owner&gt;</c> below it for a caller of a multi-user host, so one caller's saved videos, frames and films are
/// never in another's folder.
/// </summary>
public static class OwnerFolder
{
    /// <summary>The current caller's folder under <paramref name="root"/>.</summary>
    public static string Of(string root) => Of(root, SeedanceCaller.Current);

    /// <summary><paramref name="caller"/>'s folder under <paramref name="root"/>.</summary>
    public static string Of(string root, SeedanceCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsLocal ? root : Path.Combine(root, "users", caller.Owner);
    }
}
