namespace RolloutController.Audit;

/// <summary>
/// The commit checked out in the git working tree holding a directory, read from <c>.git</c> (HEAD, a loose ref or
/// <c>packed-refs</c>; a worktree's or submodule's <c>.git</c> file is followed). No git program is run.
/// </summary>
internal static class GitCheckout
{
    /// <summary>The 40-hex commit id, or null when the directory is not in a git checkout or HEAD cannot be resolved.</summary>
    public static string? HeadCommit(string directory)
    {
        try
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(directory)); dir is not null; dir = dir.Parent)
            {
                var dotGit = Path.Combine(dir.FullName, ".git");
                if (Directory.Exists(dotGit)) return Resolve(dotGit);
                if (File.Exists(dotGit) && File.ReadAllText(dotGit).Trim() is var pointer && pointer.StartsWith("gitdir:", StringComparison.Ordinal))
                    return Resolve(Path.GetFullPath(Path.Combine(dir.FullName, pointer["gitdir:".Length..].Trim())));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not readable: recorded without a commit rather than not at all.
        }
        return null;
    }

    private static string? Resolve(string gitDir)
    {
        var head = File.ReadAllText(Path.Combine(gitDir, "HEAD")).Trim();
        if (!head.StartsWith("ref:", StringComparison.Ordinal)) return IsCommit(head) ? head : null;
        var name = head["ref:".Length..].Trim();
        // A linked worktree keeps its HEAD in its own directory and shares refs with the main one (commondir).
        var common = File.Exists(Path.Combine(gitDir, "commondir"))
            ? Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(Path.Combine(gitDir, "commondir")).Trim()))
            : gitDir;
        foreach (var root in new[] { gitDir, common })
        {
            var loose = Path.Combine(root, name);
            if (File.Exists(loose) && File.ReadAllText(loose).Trim() is var id && IsCommit(id)) return id;
        }
        var packed = Path.Combine(common, "packed-refs");
        if (!File.Exists(packed)) return null;
        return File.ReadLines(packed)
            .Select(line => line.Split(' ', 2))
            .Where(parts => parts.Length == 2 && parts[1] == name && IsCommit(parts[0]))
            .Select(parts => parts[0])
            .FirstOrDefault();
    }

    private static bool IsCommit(string id) => id.Length == 40 && id.All(Uri.IsHexDigit);
}
