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
        foreach (var command in OperatorCommands.Create(output, error)) root.Add(command);
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }
}
