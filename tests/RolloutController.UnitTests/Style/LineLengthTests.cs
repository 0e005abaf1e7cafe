using RolloutController.TestUtilities.Processes;

namespace RolloutController.UnitTests.Style;

/// <summary>
/// Roslyn does not check line length, so this test does. New code keeps to <c>max_line_length</c> of .editorconfig
/// (120); the test fails at <see cref="Ceiling"/>, the longest lines src/ holds today being a little shorter, so that it
/// never fails on code written before the rule. Lower it as those lines are wrapped.
/// </summary>
public sealed class LineLengthTests
{
    private const int Ceiling = 230;

    [Fact]
    public void No_line_in_src_is_longer_than_the_ceiling()
    {
        var source = Path.Combine(RepositoryLayout.Root, "src");
        var tooLong = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(source, f)))
            .SelectMany(f => File.ReadLines(f).Select((line, index) => (File: f, Number: index + 1, line.Length)))
            .Where(l => l.Length > Ceiling)
            .Select(l => $"{Path.GetRelativePath(RepositoryLayout.Root, l.File)}:{l.Number}: {l.Length} characters");

        tooLong.ShouldBeEmpty($"lines longer than {Ceiling} characters");
    }

    [Fact]
    public void The_editorconfig_states_the_line_length_new_code_keeps_to()
    {
        File.ReadLines(Path.Combine(RepositoryLayout.Root, ".editorconfig")).ShouldContain("max_line_length = 120");
    }

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");
}
