using System.CommandLine;
using RolloutController.Policies;

namespace RolloutController.Cli;

/// <summary><c>rolloutctl validate policies/</c>: every problem in every file at once, with file:line:column.</summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = new Argument<string>("path") { Description = "A policy file or a directory of them", DefaultValueFactory = _ => "policies" };
        var output = CommonOptions.Output();
        var command = new Command("validate", "Check policy files; exit 0 when all are valid, 1 when any is not, 2 when the path does not exist") { path, output };
        command.SetAction(parse => PolicyValidationCommand.Run(parse.GetValue(path)!, stdout, stderr, parse.GetValue(output) == "json"));
        return command;
    }
}
