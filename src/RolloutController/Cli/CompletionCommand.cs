using System.CommandLine;
using Spectre.Console;

namespace RolloutController.Cli;

/// <summary><c>rolloutctl completion bash|zsh</c>: prints the shell completion script (<see cref="CompletionScript"/>).</summary>
internal static class CompletionCommand
{
    public static Command Create(IAnsiConsole stdout, RootCommand root)
    {
        var shell = new Argument<string>("shell") { Description = "bash or zsh" };
        shell.AcceptOnlyFromAmong(CompletionScript.Bash, CompletionScript.Zsh);
        var command = new Command("completion", "Print the shell completion script: source <(rolloutctl completion bash), or zsh") { shell };
        command.SetAction(parse =>
        {
            stdout.Profile.Out.Writer.Write(CompletionScript.For(parse.GetValue(shell)!, root));
            return ExitCodes.Ok;
        });
        return command;
    }
}
