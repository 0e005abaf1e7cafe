using System.CommandLine;
using RolloutController.ConsoleOutput;
using Spectre.Console;

namespace RolloutController.Cli;

/// <summary>Entry point of the rolloutctl command line: serve, validate, and the operator verbs against a running controller.</summary>
internal static class RolloutCtl
{
    /// <summary>How long <c>watch</c> may take to stop after Ctrl+C before the process ends with 130 anyway: 2 seconds.</summary>
    private static readonly TimeSpan WatchStopGrace = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Runs rolloutctl writing to <paramref name="stdout"/> (default: the process's standard output, rich on a terminal
    /// without <c>NO_COLOR</c>, plain otherwise) and <paramref name="stderr"/>.
    /// </summary>
    public static Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, CancellationToken cancellationToken = default) =>
        RunAsync(args, Consoles.For(stdout ?? Console.Out), stderr ?? Console.Error, TimeProvider.System, cancellationToken);

    /// <summary>Runs rolloutctl rendering through <paramref name="stdout"/>; <paramref name="time"/> paces <c>watch</c>.</summary>
    public static Task<int> RunAsync(string[] args, IAnsiConsole stdout, TextWriter stderr, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var root = Commands(stdout, stderr, time);
        var parse = root.Parse(args);
        // System.CommandLine answers a bad command line with exit code 1, which rolloutctl uses for "refused".
        if (parse.Errors.Count > 0) return Task.FromResult(UsageError(parse, stderr));
        return parse.InvokeAsync(new InvocationConfiguration
        {
            Output = stdout.Profile.Out.Writer,
            Error = stderr,
            // Only watch turns Ctrl+C (and SIGTERM) into a clean stop: its last line, exit 130. serve's host stops
            // gracefully through its own signal handling, and must not be cut short; the other verbs are short, and the
            // signal ends them as it ends any program.
            ProcessTerminationTimeout = parse.CommandResult.Command.Name == WatchCommand.Name ? WatchStopGrace : null,
        }, cancellationToken);
    }

    /// <summary>The command tree: every verb and its options.</summary>
    public static RootCommand Commands(IAnsiConsole stdout, TextWriter stderr, TimeProvider time)
    {
        var root = new RootCommand("rolloutctl — staged feature-flag rollouts with guardrails and automatic rollback");
        root.Add(ServeCommand.Create(stderr));
        root.Add(ValidateCommand.Create(stdout, stderr, time));
        root.Add(BacktestCommand.Create(stdout, stderr));
        foreach (var command in OperatorCommands.Create(stdout, stderr)) root.Add(command);
        root.Add(WatchCommand.Create(stdout, stderr, time));
        root.Add(CompletionCommand.Create(stdout, root));
        return root;
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
