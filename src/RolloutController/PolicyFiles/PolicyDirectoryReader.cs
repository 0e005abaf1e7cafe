using RolloutController.Policies;
namespace RolloutController.PolicyFiles;

/// <summary>
/// Reads the policy files under a directory (recursively, see <see cref="PolicyFileFinder"/>) or a single file. Only
/// <c>*.yaml</c> and <c>*.yml</c> count, so the schema, READMEs and editor files can live alongside; hidden files and
/// directories are skipped. Nothing found there makes it throw: a file that cannot be read is reported with its
/// path, and a directory that cannot be listed completely gives an incomplete snapshot, which changes nothing.
/// </summary>
internal static class PolicyDirectoryReader
{
    public static PolicyDirectorySnapshot Read(string path)
    {
        IReadOnlyList<string> candidates;
        try
        {
            if (Directory.Exists(path))
                candidates = PolicyFileFinder.Find(path);
            else if (File.Exists(path))
                candidates = [path];
            else
                return new PolicyDirectorySnapshot(path, Exists: false, [], []);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            var error = new PolicyDiagnostic(path, 1, 1, "", $"cannot list the policy directory: {e.Message}; the policies loaded before stay in force");
            return new PolicyDirectorySnapshot(path, Exists: true, [], [error], Complete: false);
        }

        var files = new List<PolicySourceFile>();
        var errors = new List<PolicyDiagnostic>();
        foreach (var file in candidates)
        {
            try
            {
                if (PolicyFileBytes.Read(file, out var length) is not { } bytes)
                    errors.Add(new PolicyDiagnostic(file, 1, 1, "", PolicyTextDecoder.TooLarge(length)));
                else if (PolicyTextDecoder.Decode(file, bytes, out var problem) is { } text)
                    files.Add(new PolicySourceFile(file, text));
                else
                    errors.Add(problem!);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // Deleted between listing and reading (or a dangling symlink): it is simply gone, the next scan agrees.
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Permission denied, a symlink loop, replaced by a directory, an I/O error: reported, never thrown.
                errors.Add(new PolicyDiagnostic(file, 1, 1, "", $"cannot read the file: {e.Message}"));
            }
        }
        return new PolicyDirectorySnapshot(path, Exists: true, files, errors);
    }
}
