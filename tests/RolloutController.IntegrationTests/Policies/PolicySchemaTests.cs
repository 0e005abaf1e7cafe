using System.Diagnostics;
using RolloutController.TestUtilities.Dependencies;

namespace RolloutController.IntegrationTests.Policies;

/// <summary>Runs the JSON Schema tests in tests/js/schema (ajv against policies/ and known-bad documents) with node.</summary>
public sealed class PolicySchemaTests
{
    [Fact]
    public async Task Schema_accepts_the_example_policies_and_rejects_bad_documents()
    {
        var node = RequiredDependency.Executable("node", "/usr/bin/node", "/usr/local/bin/node");
        var directory = Path.Combine(RepositoryPaths.Root, "tests", "js", "schema");
        Directory.Exists(Path.Combine(directory, "node_modules", "ajv")).ShouldBeTrue(
            $"the schema tests' npm packages are not installed: run 'npm ci' in {directory} (tests/run.sh does)");

        var start = new ProcessStartInfo(node, ["--test"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node --test did not finish in 2 minutes:\n{await stdout}");
        }

        process.ExitCode.ShouldBe(0, $"node --test failed:\n{await stdout}\n{await stderr}");
        (await stdout).ShouldContain("# fail 0");
    }
}
