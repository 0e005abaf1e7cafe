using System.Text.RegularExpressions;
using RolloutController.TestUtilities.Golden;
using RolloutController.TestUtilities.Processes;

namespace RolloutController.UnitTests.Docs;

/// <summary>
/// The README's "The same rollback in each channel" shows what each channel really receives: every block marked
/// <c>&lt;!-- golden: NAME --&gt;</c> is the golden file of that name, so a change to a rendering shows up in the README
/// (with <c>UPDATE_GOLDEN=1</c> the README's block is rewritten from the file).
/// </summary>
public sealed partial class ReadmeRenderingsTests
{
    private static readonly string Readme = Path.Combine(RepositoryLayout.Root, "README.md");
    private static readonly string Golden = Path.Combine(RepositoryLayout.Root, "tests", "RolloutController.UnitTests", "Golden");

    [Fact]
    public void Every_channel_shows_the_rollback()
    {
        var names = MarkedBlock().Matches(File.ReadAllText(Readme)).Select(m => m.Groups["name"].Value).ToList();

        names.ShouldBe(["email-rollback.headers", "email-rollback.txt", "slack-rollback.json", "pagerduty-rollback.json",
            "alertmanager-rollback.json", "webhook-rollback.json"], ignoreOrder: true);
        File.ReadAllText(Readme).ShouldContain("docs/images/oncall-email.png");
        File.ReadAllText(Readme).ShouldContain("docs/images/oncall-teams.png");
        File.Exists(Path.Combine(RepositoryLayout.Root, "docs", "images", "oncall-teams.png")).ShouldBeTrue();
    }

    [Fact]
    public void Each_block_is_its_golden_file()
    {
        var readme = File.ReadAllText(Readme).ReplaceLineEndings("\n");
        var update = Environment.GetEnvironmentVariable(GoldenFile.UpdateVariable) == "1";
        if (update)
        {
            File.WriteAllText(Readme, MarkedBlock().Replace(readme, m =>
                m.Value.Replace(m.Groups["body"].Value, File.ReadAllText(Path.Combine(Golden, m.Groups["name"].Value)).ReplaceLineEndings("\n").TrimEnd('\n') + "\n")));
            return;
        }

        foreach (Match block in MarkedBlock().Matches(readme))
        {
            var name = block.Groups["name"].Value;
            var golden = File.ReadAllText(Path.Combine(Golden, name));
            block.Groups["body"].Value.ShouldBe(golden.ReplaceLineEndings("\n").TrimEnd('\n') + "\n",
                $"README's block for {name} differs from the golden file; update it with: " +
                $"{GoldenFile.UpdateVariable}=1 dotnet test tests/RolloutController.UnitTests -c Release --filter FullyQualifiedName~{nameof(ReadmeRenderingsTests)}");
        }
    }

    // The marker, the opening fence with its language, the body, the closing fence. Four backticks: Slack's text
    // holds ``` code spans.
    [GeneratedRegex(@"<!-- golden: (?<name>[\w.-]+) -->\n````\w*\n(?<body>.*?)````", RegexOptions.Singleline)]
    private static partial Regex MarkedBlock();
}
