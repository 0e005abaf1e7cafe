using System.Diagnostics;
using Shouldly;
using RolloutController.TestUtilities.Dependencies;

namespace RolloutController.TestUtilities.Processes;

/// <summary>
/// Runs <c>node --test</c> in one of the <c>tests/js/*</c> folders, whose npm packages tests/run.sh installs, or a script of
/// a test's own (<see cref="EvalAsync"/>).
/// </summary>
public static class NodeTestRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs the folder's tests and returns their output; fails, with the output, when any test fails.</summary>
    /// <param name="folder">The folder under <c>tests/js</c>, e.g. <c>schema</c>.</param>
    /// <param name="package">A package the tests import, checked for first so a missing <c>npm ci</c> is named as such.</param>
    /// <param name="environment">Variables the tests read, e.g. <c>OFREP_ENDPOINT</c>.</param>
    public static async Task<string> RunAsync(string folder, string package, IReadOnlyDictionary<string, string>? environment = null)
    {
        var node = RequiredDependency.Executable("node", "/usr/bin/node", "/usr/local/bin/node");
        var directory = Path.Combine(RepositoryLayout.Root, "tests", "js", folder);
        Directory.Exists(Path.Combine(directory, "node_modules", package)).ShouldBeTrue(
            $"the npm packages of tests/js/{folder} are not installed: run 'npm ci' in {directory} (tests/run.sh does)");

        var start = new ProcessStartInfo(node, ["--test"]) { WorkingDirectory = directory };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        start.Environment["NO_COLOR"] = "1";
        var (exitCode, output, errors) = await RunAsync(start, null, "node --test");
        exitCode.ShouldBe(0, $"node --test failed:\n{output}\n{errors}");
        output.ShouldContain("# fail 0");
        return output;
    }

    /// <summary>
    /// Runs <paramref name="code"/> with <c>node -e</c>, <paramref name="input"/> on its standard input, and returns what
    /// it writes; fails, with what it wrote to standard error, unless it exits 0.
    /// </summary>
    public static async Task<string> EvalAsync(string code, string input)
    {
        var node = RequiredDependency.Executable("node", "/usr/bin/node", "/usr/local/bin/node");
        var (exitCode, output, errors) = await RunAsync(new ProcessStartInfo(node, ["-e", code]), input, "node -e");
        exitCode.ShouldBe(0, $"node -e failed:\n{errors}");
        return output;
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(ProcessStartInfo start, string? input, string what)
    {
        start.RedirectStandardInput = input is not null;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{what} did not finish in {Timeout}:\n{await stdout}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
