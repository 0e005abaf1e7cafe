using RolloutController.TestUtilities.Dependencies;

namespace RolloutController.TestUtilities.Postgres;

/// <summary>Finds the PostgreSQL server programs: the newest /usr/lib/postgresql/*/bin, else PATH.</summary>
internal static class PostgresBinaries
{
    private const string DebianRoot = "/usr/lib/postgresql";

    public static string Directory()
    {
        if (System.IO.Directory.Exists(DebianRoot))
        {
            var newest = System.IO.Directory.GetDirectories(DebianRoot)
                .Select(dir => (Dir: Path.Combine(dir, "bin"), Version: int.TryParse(Path.GetFileName(dir), out var v) ? v : -1))
                .Where(candidate => File.Exists(Path.Combine(candidate.Dir, "initdb")) && File.Exists(Path.Combine(candidate.Dir, "postgres")))
                .OrderByDescending(candidate => candidate.Version)
                .FirstOrDefault();
            if (newest.Dir is not null) return newest.Dir;
        }

        var initdb = RequiredDependency.Executable("initdb");
        return Path.GetDirectoryName(initdb)!;
    }
}
