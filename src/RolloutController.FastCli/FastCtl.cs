using System.CommandLine;
using RolloutController.Cli;

namespace RolloutController.FastCli;

/// <summary>
/// The command line of rolloutctl-fast: the changes a person makes to a rollout or a flag, with rolloutctl's names,
/// options, environment variables and exit codes. Anything else is handed to rolloutctl (<see cref="FullCli"/>).
/// </summary>
internal static class FastCtl
{
    // rolloutctl's descriptions of the same verbs.
    private static readonly Dictionary<string, string> RolloutVerbs = new()
    {
        ["pause"] = "Hold the rollout at its current weight (still measured; rolls back on a failing guardrail)",
        ["resume"] = "Continue a paused rollout; restart a rolled-back or aborted one from its first stage",
        ["promote"] = "End the current stage's hold now; advances at the next healthy measurement",
        ["abort"] = "Kill switch: set the flag to 0% for everyone now",
        ["approve"] = "Sign off the current stage where the policy asks for approval (approvals, gate: manual)",
        ["include"] = "Serve the ramp again to a segment a per-segment guardrail excluded, without restarting the ramp",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && !Handles(args)) return await FullCli.RunAsync(args);
        var root = new RootCommand("rolloutctl-fast: pause, resume, promote, abort, approve, include and flag off|on, started in milliseconds; "
            + "every other command runs rolloutctl");
        foreach (var (verb, description) in RolloutVerbs) root.Subcommands.Add(FastCommands.Rollout(verb, description));
        root.Subcommands.Add(FastCommands.Flag());
        var parse = root.Parse(args);
        // As rolloutctl: a bad command line is exit code 2 (System.CommandLine would answer 1, which means "refused").
        if (parse.Errors.Count == 0) return await parse.InvokeAsync();
        foreach (var e in parse.Errors) await Console.Error.WriteLineAsync($"error: {e.Message}");
        var command = parse.CommandResult.Command is RootCommand ? "" : string.Join(' ', Path(parse.CommandResult)) + " ";
        await Console.Error.WriteLineAsync($"Run 'rolloutctl-fast {command}--help' for usage.");
        return ExitCodes.Usage;
    }

    // "flag off", "abort": the names from the root's child down to the command that failed to parse.
    private static IEnumerable<string> Path(System.CommandLine.Parsing.CommandResult result) =>
        result.Parent is System.CommandLine.Parsing.CommandResult { Command: not RootCommand } parent
            ? Path(parent).Append(result.Command.Name)
            : [result.Command.Name];

    /// <summary>True for the commands this program runs itself (and for help and version).</summary>
    public static bool Handles(string[] args) =>
        args[0] is "flag" or "--help" or "-h" or "-?" or "--version" || RolloutVerbs.ContainsKey(args[0]);
}
