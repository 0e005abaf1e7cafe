namespace RolloutController.TestUtilities.Dependencies;

/// <summary>
/// Finds an external program a test needs. Tests never skip: a missing dependency fails the test with a message that
/// says what to install (the README's test command installs all of them).
/// </summary>
public static class RequiredDependency
{
    public static string Executable(string name, params string[] candidates)
    {
        foreach (var candidate in candidates.Append(name))
        {
            if (Path.IsPathRooted(candidate) && File.Exists(candidate)) return candidate;
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                var path = Path.Combine(dir, candidate);
                if (File.Exists(path)) return path;
            }
        }
        throw new InvalidOperationException(
            $"'{name}' is required by this test and was not found (looked in PATH and {string.Join(", ", candidates)}). " +
            "Run the README's test command (tests/run.sh), which installs every test dependency.");
    }
}
