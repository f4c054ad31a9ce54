namespace Seedance.Agents.Media;

/// <summary>Resolves every symbolic link along a path, so confinement checks see where a file really is.</summary>
internal static class RealPath
{
    private const int MaxLinks = 40;

    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? string.Empty;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        var links = 0;
        var queue = new Queue<string>(parts);
        while (queue.Count > 0)
        {
            var next = Path.Combine(current, queue.Dequeue());
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.Exists && info.LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    throw new IOException($"Too many symbolic links in {path}.");
                }

                var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
                var rest = queue.ToArray();
                var resolvedRoot = Path.GetPathRoot(resolved) ?? string.Empty;
                queue = new Queue<string>(resolved[resolvedRoot.Length..]
                    .Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Concat(rest));
                current = resolvedRoot;
                continue;
            }

            current = next;
        }

        return current;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or inside it (both already resolved).</summary>
    public static bool IsInside(string path, string folder)
    {
        var prefix = folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal) || string.Equals(path, folder, StringComparison.Ordinal);
    }
}
