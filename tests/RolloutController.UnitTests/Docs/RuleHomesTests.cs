using System.Text.RegularExpressions;
using RolloutController.TestUtilities.Processes;

namespace RolloutController.UnitTests.Docs;

/// <summary>README's "Where each rule lives" names files that exist, so the map a newcomer follows stays true.</summary>
public sealed partial class RuleHomesTests
{
    [Fact]
    public void Every_file_the_rule_map_names_exists()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "README.md"));
        var start = readme.IndexOf("### Where each rule lives", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, "README.md has no 'Where each rule lives' section");
        var end = readme.IndexOf("\n#", start + 4, StringComparison.Ordinal);
        var section = end > 0 ? readme[start..end] : readme[start..];

        var rows = section.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| rule", StringComparison.Ordinal)).ToList();
        rows.Count.ShouldBeGreaterThan(8);
        var missing = rows
            .Select(row => (Row: row, Path: SourcePath().Match(row)))
            .Where(r => !r.Path.Success || !File.Exists(Path.Combine(RepositoryLayout.Root, r.Path.Value)))
            .Select(r => r.Row)
            .ToList();
        missing.ShouldBeEmpty("rows whose file does not exist (moved or renamed?)");
    }

    [Theory]
    [InlineData("src/RolloutController.Core/Rollouts/IncidentRule.cs")]
    [InlineData("src/RolloutController.Core/Rollouts/NoticeRouting.cs")]
    [InlineData("src/RolloutController.Core/Rollouts/DigestRule.cs")]
    [InlineData("src/RolloutController.Core/Flags/Platforms/PlatformTarget.cs")]
    [InlineData("src/RolloutController.Core/Flags/Platforms/PlatformSyncRule.cs")]
    [InlineData("src/RolloutController.Core/Flags/Platforms/DriftAdoption.cs")]
    public void The_rule_map_names_the_notification_and_flag_platform_rules(string file)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "README.md"));
        var section = readme[readme.IndexOf("### Where each rule lives", StringComparison.Ordinal)..];

        section.ShouldContain($"`{file}`");
    }

    [GeneratedRegex(@"src/[\w./]+\.cs")]
    private static partial Regex SourcePath();
}
