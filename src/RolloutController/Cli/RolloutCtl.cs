using System.CommandLine;

namespace RolloutController.Cli;

/// <summary>Entry point of the rolloutctl command line: serve, validate, and the operator verbs against a running controller.</summary>
internal static class RolloutCtl
{
    public static Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var output = stdout ?? Console.Out;
        var error = stderr ?? Console.Error;
        var root = new RootCommand("rolloutctl — staged feature-flag rollouts with guardrails and automatic rollback");
        root.Add(ServeCommand.Create(error));
        root.Add(ValidateCommand.Create(output, error));
        root.Add(BacktestCommand.Create(output, error));
        foreach (var command in OperatorCommands.Create(output, error)) root.Add(command);
        var parse = root.Parse(args);
        // System.CommandLine answers a bad command line with exit code 1, which rolloutctl uses for "refused".
        if (parse.Errors.Count > 0) return Task.FromResult(UsageError(parse, error));
        return parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static int UsageError(ParseResult parse, TextWriter error)
    {
        foreach (var e in parse.Errors) error.WriteLine($"error: {e.Message}");
        // Verbs are one level deep, so the command that failed to parse is the root or one verb.
        var verb = parse.CommandResult.Command is RootCommand ? "" : parse.CommandResult.Command.Name + " ";
        error.WriteLine($"Run 'rolloutctl {verb}--help' for usage.");
        return ExitCodes.Usage;
    }
}
