using System.Text.RegularExpressions;
using RolloutController.Policies;
using RolloutController.TestUtilities.Fuzzing;

namespace RolloutController.UnitTests.Policies;

/// <summary>
/// Files that made the reader throw, overflow the stack or never finish: each is now an invalid file whose every
/// diagnostic is one line with a location, and it does not hide the results of other files.
/// </summary>
public sealed partial class MalformedPolicyFileTests
{
    public static TheoryData<string> Names() => [.. MalformedPolicyFiles.All.Select(f => f.Name)];

    [Theory(Timeout = 30_000)]
    [MemberData(nameof(Names))]
    public async Task A_file_that_made_the_reader_fail_is_reported_with_locations(string name)
    {
        var (_, content, failure) = MalformedPolicyFiles.All.Single(f => f.Name == name);

        var result = await Task.Run(() => Load($"policies/{name}.yaml", content));

        var file = result.Files.ShouldHaveSingleItem();
        file.IsValid.ShouldBeFalse($"was: {failure}");
        file.Policies.ShouldBeEmpty();
        ShouldAllBeLocated(file.Diagnostics);
    }

    [Fact]
    public void Other_files_are_read_as_usual()
    {
        var files = MalformedPolicyFiles.All.Select(f => new PolicySourceFile($"policies/{f.Name}.yaml", DecodeOrEmpty(f.Content)))
            .Prepend(new PolicySourceFile("policies/good.yaml", MalformedPolicyFiles.ValidPolicy("good")))
            .ToList();

        var result = PolicyLoader.Load(files);

        result.Files[0].IsValid.ShouldBeTrue(string.Join(Environment.NewLine, result.Files[0].Diagnostics));
        result.Policies.ShouldHaveSingleItem().Flag.Key.ShouldBe("good");
        result.Files.Skip(1).ShouldAllBe(f => !f.IsValid);
    }

    [Fact]
    public void The_deep_file_is_rejected_at_the_first_level_past_the_limit()
    {
        var content = MalformedPolicyFiles.All.Single(f => f.Name == "nested-100000-deep").Content;

        var error = Load("deep.yaml", content).Diagnostics.ShouldHaveSingleItem();

        (error.Line, error.Column).ShouldBe((1, 1 + 4 * PolicyLimits.MaxDepth));
        error.Message.ShouldBe($"invalid YAML: mappings and sequences are nested more than {PolicyLimits.MaxDepth} levels deep, the limit for a policy file");
    }

    [Fact]
    public void The_document_end_marker_followed_by_text_is_a_syntax_error_at_the_start()
    {
        var error = Load("a.yaml", "...\nf"u8.ToArray()).Diagnostics.ShouldHaveSingleItem();

        error.ToString().ShouldStartWith("a.yaml:1:1: error: invalid YAML: ");
    }

    /// <summary>Every diagnostic is one line starting with file:line:column, line and column at least 1.</summary>
    internal static void ShouldAllBeLocated(IEnumerable<PolicyDiagnostic> diagnostics)
    {
        // Checked without assertions first: the fuzz test calls this for every input.
        foreach (var diagnostic in diagnostics)
        {
            var text = diagnostic.ToString();
            if (diagnostic.Line >= 1 && diagnostic.Column >= 1 && LocatedLine().IsMatch(text)) continue;
            throw new ShouldAssertException($"not one located line: {text.Replace("\n", "⏎", StringComparison.Ordinal)}");
        }
    }

    private static PolicyLoadResult Load(string path, byte[] content)
    {
        var text = PolicyTextDecoder.Decode(path, content, out var problem);
        return text is null
            ? new PolicyLoadResult([new PolicyFileResult(path, [], [problem!])])
            : PolicyLoader.Load([new PolicySourceFile(path, text)]);
    }

    private static string DecodeOrEmpty(byte[] content) => PolicyTextDecoder.Decode("x", content, out _) ?? "";

    // No line break or other control character anywhere: a diagnostic is one line of text.
    [GeneratedRegex(@"\A[^\r\n]+:[0-9]+:[0-9]+: error: [^\p{Cc}\u2028\u2029]*\z")]
    private static partial Regex LocatedLine();
}
