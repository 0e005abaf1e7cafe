namespace RolloutController.Policies;

/// <summary>
/// Reads the policy files under a directory (recursively) or a single file. Only <c>*.yaml</c> and <c>*.yml</c> count,
/// so the schema, READMEs and editor files can live alongside; hidden files and directories are skipped.
/// </summary>
internal static class PolicyDirectoryReader
{
    private static readonly EnumerationOptions Enumeration = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
    };

    public static bool IsPolicyFile(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    public static PolicyDirectorySnapshot Read(string path)
    {
        IEnumerable<string> candidates;
        if (Directory.Exists(path))
            candidates = Directory.EnumerateFiles(path, "*", Enumeration).Where(IsPolicyFile).Order(StringComparer.Ordinal);
        else if (File.Exists(path))
            candidates = [path];
        else
            return new PolicyDirectorySnapshot(path, Exists: false, [], []);

        var files = new List<PolicySourceFile>();
        var errors = new List<PolicyDiagnostic>();
        foreach (var file in candidates)
        {
            try
            {
                files.Add(new PolicySourceFile(file, File.ReadAllText(file)));
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // Deleted between listing and reading: it is simply gone, the next scan agrees.
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(new PolicyDiagnostic(file, 1, 1, "", $"cannot read the file: {e.Message}"));
            }
        }
        return new PolicyDirectorySnapshot(path, Exists: true, files, errors);
    }
}
