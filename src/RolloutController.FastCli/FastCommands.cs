using System.CommandLine;
using RolloutController.Cli;

namespace RolloutController.FastCli;

/// <summary>The commands, with rolloutctl's arguments and options (<c>--reason/-r</c>, <c>--server</c>, <c>--token</c>).</summary>
internal static class FastCommands
{
    public static Command Rollout(string verb, string description)
    {
        var flag = new Argument<string>("flag") { Description = "Flag key" };
        var (reason, server, token) = (Reason(), CommonOptions.Server(), CommonOptions.Token());
        var command = new Command(verb, description) { flag, reason, server, token };
        Option<string>? segment = null;
        if (verb == "include")
        {
            segment = new Option<string>("--segment", "-s") { Description = "The excluded segment: label=value pairs (plan=enterprise)", Required = true };
            command.Options.Add(segment);
        }
        command.SetAction((parse, ct) => ApiCall.RunAsync(parse.GetValue(server)!, parse.GetValue(token),
            $"api/v1/rollouts/{Uri.EscapeDataString(parse.GetValue(flag)!)}/{verb}",
            parse.GetValue(reason)!, segment is null ? null : parse.GetValue(segment), OutcomeText.Rollout, Console.Out, Console.Error, ct));
        return command;
    }

    public static Command Flag()
    {
        var flagCommand = new Command("flag", "The kill switch of any flag, with or without a policy");
        foreach (var verb in new[] { "off", "on" })
        {
            var flag = new Argument<string>("flag") { Description = "Flag key" };
            var (reason, server, token) = (Reason(), CommonOptions.Server(), CommonOptions.Token());
            var command = new Command(verb, verb == "off" ? "Serve FLAG's default variant to everyone now" : "Serve FLAG as before it was switched off") { flag, reason, server, token };
            command.SetAction((parse, ct) => ApiCall.RunAsync(parse.GetValue(server)!, parse.GetValue(token),
                $"api/v1/flags/{Uri.EscapeDataString(parse.GetValue(flag)!)}/{verb}",
                parse.GetValue(reason)!, null, OutcomeText.Flag, Console.Out, Console.Error, ct));
            flagCommand.Subcommands.Add(command);
        }
        return flagCommand;
    }

    private static Option<string> Reason() =>
        new("--reason", "-r") { Description = "Why (recorded in the audit trail with your token's name)", Required = true };
}
