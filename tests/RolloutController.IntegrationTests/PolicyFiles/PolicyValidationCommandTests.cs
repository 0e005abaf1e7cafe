using System.Text.Json;
using RolloutController.Policies;
using RolloutController.PolicyFiles;
using RolloutController.IntegrationTests.Policies;

namespace RolloutController.IntegrationTests.PolicyFiles;

public sealed class PolicyValidationCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("policies-validate-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (int Code, string Stdout, string Stderr) Run(string path, bool json = false)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = PolicyValidationCommand.Run(path, stdout, stderr, json);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private void CopyExample(string name, string? to = null) =>
        File.Copy(Path.Combine(RepositoryPaths.Root, "policies", name), Path.Combine(_directory, to ?? name));

    [Fact]
    public void The_repository_policies_are_valid()
    {
        var (code, stdout, stderr) = Run(Path.Combine(RepositoryPaths.Root, "policies"));

        code.ShouldBe(0, stderr);
        stdout.ShouldEndWith("6 policies, 5 flags, 1 segment in 8 files, all valid" + Environment.NewLine);
    }

    [Fact]
    public void A_segment_no_flag_uses_is_a_warning_and_the_files_stay_valid()
    {
        CopyExample("sso-permission.yaml");
        var path = Path.Combine(_directory, "sso-permission.yaml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("    - name: design-partners\n      segment: design-partners\n      serve: on\n", "", StringComparison.Ordinal));

        var (code, stdout, stderr) = Run(_directory);
        var (jsonCode, json, _) = Run(_directory, json: true);

        code.ShouldBe(0, stderr);
        stderr.ShouldBe($"{path}:24:9: warning: metadata.name: segment 'design-partners' is used by no flag's rules{Environment.NewLine}");
        stdout.ShouldEndWith("0 policies, 1 flag, 1 segment in 1 file, all valid (1 warning)" + Environment.NewLine);
        jsonCode.ShouldBe(0);
        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("valid").GetBoolean().ShouldBeTrue();
        document.RootElement.GetProperty("warnings").EnumerateArray().ShouldHaveSingleItem().GetProperty("line").GetInt32().ShouldBe(24);
    }

    [Fact]
    public void Reads_subdirectories_and_skips_files_that_are_not_yaml()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "payments"));
        CopyExample("new-checkout.yaml", Path.Combine("payments", "new-checkout.yml"));
        File.Copy(Path.Combine(RepositoryPaths.Root, "docs", "schema", "rollout-policy.v1.json"), Path.Combine(_directory, "rollout-policy.v1.json"));
        File.WriteAllText(Path.Combine(_directory, "README.md"), "# policies\n");

        var (code, stdout, _) = Run(_directory);

        code.ShouldBe(0);
        stdout.ShouldContain("1 policy in 1 file, all valid");
    }

    [Fact]
    public void Invalid_files_print_compiler_style_errors_and_exit_1()
    {
        CopyExample("new-checkout.yaml");
        File.WriteAllText(Path.Combine(_directory, "bad.yaml"), File.ReadAllText(Path.Combine(RepositoryPaths.Root, "policies", "payments-killswitch.yaml"))
            .Replace("{ weight: 50, hold: 30m }", "{ weight: 5, hold: 30m }", StringComparison.Ordinal));

        var (code, _, stderr) = Run(_directory);

        code.ShouldBe(1);
        var file = Path.Combine(_directory, "bad.yaml");
        stderr.ShouldContain($"{file}:15:17: error: spec.stages[1].weight: must be greater than the previous stage's weight 10, got 5");
        stderr.ShouldContain("1 error in 1 file of 2");
    }

    [Fact]
    public void Json_output_lists_every_error_with_its_position()
    {
        File.WriteAllText(Path.Combine(_directory, "bad.yaml"), "apiVersion: rollout-controller/v2\nkind: RolloutPolicy\n");

        var (code, stdout, stderr) = Run(_directory, json: true);

        code.ShouldBe(1);
        stderr.ShouldBeEmpty();
        using var document = JsonDocument.Parse(stdout);
        var root = document.RootElement;
        root.GetProperty("valid").GetBoolean().ShouldBeFalse();
        root.GetProperty("files").GetInt32().ShouldBe(1);
        root.GetProperty("policies").GetInt32().ShouldBe(0);
        var errors = root.GetProperty("errors").EnumerateArray().ToList();
        errors.Select(e => e.GetProperty("path").GetString()).ShouldBe(["metadata", "spec", "apiVersion"]);
        var apiVersion = errors[2];
        apiVersion.GetProperty("file").GetString().ShouldBe(Path.Combine(_directory, "bad.yaml"));
        apiVersion.GetProperty("line").GetInt32().ShouldBe(1);
        apiVersion.GetProperty("column").GetInt32().ShouldBe(13);
        apiVersion.GetProperty("message").GetString().ShouldBe("must be 'rollout-controller/v1', got 'rollout-controller/v2'");
    }

    [Fact]
    public void Json_output_for_a_valid_single_file()
    {
        CopyExample("payments-killswitch.yaml");

        var (code, stdout, _) = Run(Path.Combine(_directory, "payments-killswitch.yaml"), json: true);

        code.ShouldBe(0);
        stdout.Trim().ShouldBe("""{"valid":true,"files":1,"policies":1,"flags":0,"segments":0,"errors":[],"warnings":[]}""");
    }

    [Fact]
    public void A_missing_path_exits_2()
    {
        var (code, stdout, stderr) = Run(Path.Combine(_directory, "nope"));

        code.ShouldBe(2);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("does not exist");
    }
}
