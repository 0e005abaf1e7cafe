using System.Diagnostics;
using RolloutController.Cli;
using RolloutController.ConsoleOutput;
using RolloutController.Store;
using RolloutController.TestUtilities.Dependencies;

namespace RolloutController.IntegrationTests.Cli;

/// <summary><c>rolloutctl completion bash|zsh</c>: the script is printed, and the real shells source it and complete with it.</summary>
public sealed class CompletionScriptTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rolloutctl-completion-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<string> ScriptAsync(string shell)
    {
        var result = await CliResult.RunAsync("completion", shell);
        result.Exit.ShouldBe(ExitCodes.Ok, result.ToString());
        var path = Path.Combine(_directory, shell);
        await File.WriteAllTextAsync(path, result.Stdout);
        return path;
    }

    // Sources the script in a fresh shell, then completes each line (words separated by spaces; a trailing space
    // completes an empty word) and prints what the completion function offers, one line per input line.
    private static async Task<IReadOnlyList<string>> CompleteAsync(string shell, string script, params string[] lines)
    {
        var program = shell == "zsh"
            // bashcompinit runs the function with 0-based arrays; zsh's own matching then filters by the typed prefix.
            // Sourcing must register the function with zsh's completion system (exit 3 otherwise).
            ? $"source '{script}' || exit 1\n[[ ${{_comps[rolloutctl]}} == *' -F _rolloutctl' ]] || exit 3\nsetopt ksharrays\n"
            : $"source '{script}' || exit 1\n";
        program += "t() { COMP_WORDS=(\"$@\"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _rolloutctl; echo \"${COMPREPLY[*]}\"; }\n";
        foreach (var line in lines)
            program += "t " + string.Join(' ', line.Split(' ').Select(w => $"'{w}'")) + "\n";
        var start = new ProcessStartInfo(RequiredDependency.Executable(shell, $"/usr/bin/{shell}", $"/bin/{shell}"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["HOME"] = Path.GetDirectoryName(script)! },
        };
        // Neither shell reads the user's start-up files: the script alone must do.
        start.ArgumentList.Add(shell == "zsh" ? "-f" : "--norc");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(program);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        (await stderr).ShouldBeEmpty();
        process.ExitCode.ShouldBe(0);
        var output = await stdout;
        output.ShouldEndWith("\n");
        return output[..^1].Split('\n');
    }

    [Fact]
    public async Task Bash_sources_the_script_and_completes_verbs_options_and_their_values()
    {
        var script = await ScriptAsync("bash");

        var offered = await CompleteAsync("bash", script,
            "rolloutctl sta",
            "rolloutctl notices r",
            "rolloutctl list --output ",
            "rolloutctl status new-checkout --server http://127.0.0.1:8080 --ou",
            "rolloutctl notices --status a",
            "rolloutctl completion ",
            "rolloutctl abort new-checkout --reason stop -",
            "rolloutctl validate nothing-matches-this");

        offered.ShouldBe([
            "status",
            "retry",
            "json table",
            "--output",
            "abandoned",
            "bash zsh --help -h",
            "--reason -r --server --token --output -o --help -h",
            "",
        ]);
    }

    [Fact]
    public async Task Bash_completes_every_verb_of_the_command_line()
    {
        var script = await ScriptAsync("bash");
        var verbs = RolloutCtl.Commands(Consoles.Plain(TextWriter.Null), TextWriter.Null, TimeProvider.System).Subcommands
            .Select(c => c.Name).ToList();

        var offered = await CompleteAsync("bash", script, [.. verbs.Select(v => $"rolloutctl {v}")]);

        verbs.Count.ShouldBeGreaterThan(10);
        offered.Zip(verbs).Where(p => !p.First.Split(' ').Contains(p.Second)).ShouldBeEmpty("verbs the script does not complete");
    }

    [Fact]
    public async Task Zsh_sources_the_script_and_registers_the_completion()
    {
        var script = await ScriptAsync("zsh");
        (await File.ReadAllTextAsync(script)).ShouldStartWith("#compdef rolloutctl\n");

        var offered = await CompleteAsync("zsh", script, "rolloutctl list -o ", "rolloutctl notices --status ");

        // zsh sorts the candidates it offers.
        offered.ShouldBe(["json table", string.Join(' ', OutboxStatus.All.Order(StringComparer.Ordinal))]);
    }

    [Fact]
    public async Task Another_shell_is_a_usage_error()
    {
        var result = await CliResult.RunAsync("completion", "fish");

        result.Exit.ShouldBe(ExitCodes.Usage);
        result.Stderr.ShouldContain("fish");
        result.Stdout.ShouldBeEmpty();
    }
}
