using RolloutController.Policies;
namespace RolloutController.PolicyFiles;

/// <summary>
/// Lists the <c>*.yaml</c>/<c>*.yml</c> files under a directory, recursively, skipping hidden files and directories.
/// Directory symlinks are followed (a ConfigMap mount or a linked team directory), each directory at most once, so a
/// link back to a parent cannot make the walk endless; the walk is also bounded in depth and size.
/// </summary>
internal static class PolicyFileFinder
{
    /// <summary>Deepest subdirectory searched below the policy directory.</summary>
    public const int MaxDepth = 16;

    /// <summary>Most directories searched; past it the listing fails rather than leave files out.</summary>
    public const int MaxDirectories = 10_000;

    private static readonly EnumerationOptions Entries = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
    };

    public static bool IsPolicyFile(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>The policy files, ordered by path.</summary>
    /// <exception cref="IOException">The directory could not be listed completely; no partial list is returned,
    /// because a file left out would look deleted.</exception>
    public static IReadOnlyList<string> Find(string root)
    {
        var files = new List<string>();
        var start = new DirectoryInfo(root);
        var startCanonical = Canonical(start, Path.GetDirectoryName(Path.GetFullPath(root)) ?? "/") ?? Path.GetFullPath(root);
        var visited = new HashSet<string>(StringComparer.Ordinal) { startCanonical };
        var pending = new Stack<(DirectoryInfo Directory, string Canonical, int Depth)>();
        pending.Push((start, startCanonical, 0));
        while (pending.TryPop(out var next))
        {
            foreach (var entry in Enumerate(next.Directory))
            {
                if (entry is FileInfo file)
                {
                    if (IsPolicyFile(file.Name)) files.Add(file.FullName);
                    continue;
                }
                if (entry is not DirectoryInfo directory || Canonical(directory, next.Canonical) is not { } canonical || !visited.Add(canonical)) continue;
                if (next.Depth + 1 > MaxDepth)
                    throw new IOException($"'{directory.FullName}' is more than {MaxDepth} directories below the policy directory; policies are searched at most that deep");
                if (visited.Count > MaxDirectories)
                    throw new IOException($"the policy directory has more than {MaxDirectories} subdirectories; policies are searched in at most that many");
                pending.Push((directory, canonical, next.Depth + 1));
            }
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static IEnumerable<FileSystemInfo> Enumerate(DirectoryInfo directory)
    {
        try
        {
            // Materialised here, so a directory removed while it is listed is caught here.
            return directory.EnumerateFileSystemInfos("*", Entries).ToList();
        }
        catch (DirectoryNotFoundException)
        {
            // Removed since its parent was listed: it is gone, as are its files.
            return [];
        }
    }

    // The directory's path with symlinks resolved, built from its parent's, to recognise a directory reached twice
    // (a link back to a parent); null for a broken link.
    private static string? Canonical(DirectoryInfo directory, string parentCanonical)
    {
        if (directory.LinkTarget is null) return Path.Join(parentCanonical, directory.Name);
        var target = directory.ResolveLinkTarget(returnFinalTarget: true);
        return target is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(target.FullName));
    }
}
