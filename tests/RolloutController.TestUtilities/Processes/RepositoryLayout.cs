namespace RolloutController.TestUtilities.Processes;

/// <summary>Where things are in the checkout, and the build output of a project in the configuration the tests run in.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    /// <summary>"Release" or "Debug", read off the test assembly's own output path.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The built entry assembly of a project under src/, failing with a clear message when it was not built.</summary>
    public static string BuiltAssembly(string project, string assembly)
    {
        var path = Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", assembly);
        if (!File.Exists(path))
            throw new InvalidOperationException(
                $"'{path}' does not exist: build the solution in {Configuration} first (tests/run.sh does).");
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RolloutController.sln"))) return dir.FullName;
        throw new InvalidOperationException("RolloutController.sln not found above " + AppContext.BaseDirectory);
    }
}
