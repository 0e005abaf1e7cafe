using System.CommandLine;
using RolloutController.Api;
using Spectre.Console;

namespace RolloutController.Cli;

/// <summary><c>rolloutctl flag off|on FLAG --reason …</c>: the kill switch of any flag, against a running controller's API.</summary>
internal static class FlagCommands
{
    public static Command Create(IAnsiConsole stdout, TextWriter stderr) =>
        new("flag", "Switch a flag off for everyone (kill switch) or back on")
        {
            Switch("off", "Kill switch: serve the flag's default variant to everyone now (pauses its rollout)", stdout, stderr),
            Switch("on", "Serve the flag as before it was switched off (its rollout stays paused until resumed)", stdout, stderr),
        };

    private static Command Switch(string verb, string description, IAnsiConsole stdout, TextWriter stderr)
    {
        var flag = new Argument<string>("flag") { Description = "Flag key" };
        var reason = new Option<string>("--reason", "-r") { Description = "Why (recorded in the flag's history with your token's name)", Required = true };
        var (server, token, output) = (CommonOptions.Server(), CommonOptions.Token(), CommonOptions.Output());
        var command = new Command(verb, description) { flag, reason, server, token, output };
        command.SetAction((parse, ct) => ControllerClient.RunAsync(parse.GetValue(server)!, parse.GetValue(token), stderr, async client =>
        {
            var path = $"api/v1/flags/{Uri.EscapeDataString(parse.GetValue(flag)!)}/{verb}";
            var (exit, detail) = await client.PostAsync<FlagDetail>(path, new CommandRequest(parse.GetValue(reason)), ct);
            if (exit != ExitCodes.Ok) return exit;
            // Served but not stored yet (the store is failing): it took effect, and the operator must know it is not stored.
            if (detail!.Note is { } note) await stderr.WriteLineAsync($"warning: {note}");
            if (parse.GetValue(output) == "json") OperatorCommands.Json(stdout, detail);
            else
            {
                stdout.WriteLine(detail.SwitchedOff is null
                    ? $"{detail.Flag}: on"
                    : $"{detail.Flag}: OFF — every context gets '{detail.DefaultVariant}'");
                if (detail.RolloutNote is { } rollout) stdout.WriteLine($"{detail.Flag}: {rollout}");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
