using System.CommandLine;
using RolloutController.Backtesting;
using Spectre.Console;

namespace RolloutController.Cli;

/// <summary><c>rolloutctl backtest policies/x.yaml --from … --to …</c>: what the controller would have decided on past metrics.</summary>
internal static class BacktestCommand
{
    public static Command Create(IAnsiConsole stdout, TextWriter stderr)
    {
        var policy = new Argument<string>("policy") { Description = "Policy file (or a directory, with --name)" };
        var from = new Option<string>("--from") { Description = "Start of the replay: ISO 8601 (UTC unless an offset is given), now, or now-<duration> such as now-7d", Required = true };
        var to = new Option<string?>("--to") { Description = "End of the replay, same forms as --from. Default: now" };
        var interval = new Option<string?>("--interval") { Description = "Time between measurement rounds, e.g. 5m. Default: the policy's analysis interval" };
        var prometheus = new Option<string?>("--prometheus") { Description = "Prometheus base URL. Default: RolloutController:Prometheus:Url from --config or the environment, else http://localhost:9090" };
        var config = new Option<string?>("--config", "-c") { Description = "JSON configuration file, as for serve (its RolloutController:Prometheus section is used)" };
        var name = new Option<string?>("--name") { Description = "Policy name or flag key, when the path holds several policies" };
        var output = CommonOptions.Output();
        var command = new Command("backtest",
            "Replay a policy against Prometheus history and print the decisions it would have taken (reads only; changes nothing)")
        {
            policy, from, to, interval, prometheus, config, name, output,
        };
        command.SetAction(async (parse, ct) => await BacktestInvocation.RunAsync(
            new BacktestArguments(parse.GetValue(policy)!, parse.GetValue(from)!, parse.GetValue(to), parse.GetValue(interval),
                parse.GetValue(prometheus), parse.GetValue(config), parse.GetValue(name), parse.GetValue(output) == "json"),
            stdout, stderr, TimeProvider.System, ct) switch
        {
            BacktestInvocation.Ran => ExitCodes.Ok,
            BacktestInvocation.InvalidPolicy => ExitCodes.Failed,
            _ => ExitCodes.Usage,
        });
        return command;
    }
}
