using System.Text.RegularExpressions;
using RolloutController.Cli;
using RolloutController.ConsoleOutput;
using RolloutController.IntegrationTests.Policies;

namespace RolloutController.IntegrationTests.Cli;

/// <summary>Every <c>rolloutctl VERB</c> the documentation names is a verb the command line has.</summary>
public sealed partial class DocumentedVerbsTests
{
    [GeneratedRegex(@"rolloutctl ([a-z][a-z-]*)")]
    private static partial Regex VerbPattern();

    private static IEnumerable<string> DocumentationFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md", SearchOption.AllDirectories)
            .Append(Path.Combine(RepositoryPaths.Root, "README.md"))
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "charts"), "*.md", SearchOption.AllDirectories));

    [Fact]
    public void Every_documented_verb_exists()
    {
        var verbs = RolloutCtl.Commands(Consoles.Plain(TextWriter.Null), TextWriter.Null, TimeProvider.System)
            .Subcommands.Select(c => c.Name).ToHashSet();
        var named = DocumentationFiles()
            .SelectMany(file => File.ReadLines(file).SelectMany((line, i) => VerbPattern().Matches(line)
                .Select(m => (Verb: m.Groups[1].Value, Where: $"{Path.GetRelativePath(RepositoryPaths.Root, file)}:{i + 1}"))))
            .ToList();

        named.Select(n => n.Verb).ShouldContain("watch");
        named.Where(n => !verbs.Contains(n.Verb)).Select(n => $"{n.Where}: rolloutctl {n.Verb}").ShouldBeEmpty();
    }
}
