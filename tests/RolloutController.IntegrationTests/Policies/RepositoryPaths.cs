namespace RolloutController.IntegrationTests.Policies;

/// <summary>Paths inside the repository the tests run from (found by walking up to RolloutController.sln).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RolloutController.sln"))) return dir.FullName;
        throw new InvalidOperationException($"RolloutController.sln not found above {AppContext.BaseDirectory}");
    }
}
