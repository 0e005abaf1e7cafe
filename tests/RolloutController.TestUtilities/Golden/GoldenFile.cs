using System.Runtime.CompilerServices;
using System.Text;
using Xunit.Sdk;

namespace RolloutController.TestUtilities.Golden;

/// <summary>
/// Compares a rendering with a committed file under the running test project's <c>Golden/</c> folder, so a change to
/// what receivers get is a reviewed change of that file. With <c>UPDATE_GOLDEN=1</c> the file is (re)written instead.
/// Line endings are normalised to <c>\n</c> and the text ends with one newline.
/// </summary>
public static class GoldenFile
{
    public const string UpdateVariable = "UPDATE_GOLDEN";

    /// <param name="actual">The rendering under test.</param>
    /// <param name="name">File name under <c>Golden/</c>, e.g. <c>webhook-rollback.json</c>.</param>
    /// <param name="callerFile">Filled in by the compiler: names the test class in the command shown on failure.</param>
    public static void AssertMatches(string actual, string name, [CallerFilePath] string callerFile = "")
    {
        var project = TestProjectDirectory();
        Check(actual, Path.Combine(project.FullName, "Golden", name), Environment.GetEnvironmentVariable(UpdateVariable) == "1",
            $"{UpdateVariable}=1 dotnet test tests/{project.Name} -c Release --filter FullyQualifiedName~{ClassName(callerFile)}");
    }

    /// <summary>Compares <paramref name="actual"/> with the file at <paramref name="path"/>, or writes it when <paramref name="update"/>.</summary>
    /// <param name="command">What a person runs to update the file, shown on failure.</param>
    public static void Check(string actual, string path, bool update, string command)
    {
        var text = Normalise(actual);
        if (update)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text, new UTF8Encoding(false));
            return;
        }
        if (!File.Exists(path))
            throw new XunitException($"golden file {RelativeToRepository(path)} does not exist; create it with:{Environment.NewLine}  {command}");
        var expected = Normalise(File.ReadAllText(path));
        if (expected == text) return;
        throw new XunitException(
            $"the rendering differs from {RelativeToRepository(path)} (- golden, + actual):{Environment.NewLine}" +
            LineDiff.Render(expected, text) + Environment.NewLine +
            $"If the change is intended, review it and update the file with:{Environment.NewLine}  {command}");
    }

    private static string Normalise(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";

    // The file name, not the full path: deterministic CI builds map source paths, the file name stays.
    private static string ClassName(string callerFile) =>
        Path.GetFileNameWithoutExtension(callerFile.Replace('\\', '/').Split('/')[^1]);

    /// <summary>The directory holding the running test project's .csproj, found upwards from its output directory.</summary>
    private static DirectoryInfo TestProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (dir.EnumerateFiles("*.csproj").Any()) return dir;
        throw new InvalidOperationException($"no .csproj found above {AppContext.BaseDirectory}");
    }

    private static string RelativeToRepository(string path)
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(path)!); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RolloutController.sln"))) return Path.GetRelativePath(dir.FullName, path);
        return path;
    }
}
