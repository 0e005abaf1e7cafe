using System.Text.RegularExpressions;
using RolloutController.Cli;
using RolloutController.TestUtilities.Fuzzing;

namespace RolloutController.IntegrationTests.Cli;

/// <summary><c>rolloutctl validate</c> over files that once made it print a stack trace: every file gets located errors.</summary>
public sealed partial class ValidateMalformedFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("policies-malformed-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Every_malformed_file_is_reported_as_file_line_column_and_the_valid_one_passes()
    {
        foreach (var (name, content, _) in MalformedPolicyFiles.All) await File.WriteAllBytesAsync(Path.Combine(_directory, name + ".yaml"), content);
        await File.WriteAllTextAsync(Path.Combine(_directory, "good.yaml"), MalformedPolicyFiles.ValidPolicy("good"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await RolloutCtl.RunAsync(["validate", _directory], stdout, stderr);

        exit.ShouldBe(1);
        var lines = stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines[^1].ShouldBe($"{_directory}: {lines.Length - 1} errors in {MalformedPolicyFiles.All.Count} files of {MalformedPolicyFiles.All.Count + 1}");
        lines[..^1].ShouldAllBe(line => LocatedError().IsMatch(line));
        foreach (var (name, _, _) in MalformedPolicyFiles.All)
            lines.ShouldContain(line => line.StartsWith(Path.Combine(_directory, name + ".yaml") + ":", StringComparison.Ordinal), name);
        stderr.ToString().ShouldNotContain("good.yaml");
        stderr.ToString().ShouldNotContain("   at ");
    }

    [Fact]
    public async Task A_configuration_file_that_is_not_json_is_a_usage_error()
    {
        var config = Path.Combine(_directory, "controller.json");
        await File.WriteAllTextAsync(config, "{ not json");
        var stderr = new StringWriter();

        var exit = await RolloutCtl.RunAsync(["validate", _directory, "--config", config], new StringWriter(), stderr);

        exit.ShouldBe(ExitCodes.Usage);
        stderr.ToString().ShouldStartWith($"rolloutctl validate: cannot read configuration file '{config}': ");
    }

    [GeneratedRegex(@"\A[^:]+\.yaml:[0-9]+:[0-9]+: error: ")]
    private static partial Regex LocatedError();
}
