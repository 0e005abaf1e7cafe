using System.CommandLine;
using RolloutController.Hosting;

namespace RolloutController.Cli;

/// <summary><c>rolloutctl serve</c>: runs the controller until stopped.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config", "-c") { Description = "JSON configuration file (see README: Configuration)" };
        var policies = new Option<string?>("--policies") { Description = "Policy directory. Default: RolloutController:PoliciesDirectory or ./policies" };
        var urls = new Option<string?>("--urls") { Description = "Listen address(es). Default: http://127.0.0.1:8080" };
        var command = new Command("serve", "Run the controller: policies, scheduler, OFREP, API and /metrics") { config, policies, urls };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new Dictionary<string, string?>();
            if (parse.GetValue(policies) is { } dir) settings[ControllerOptions.Section + ":PoliciesDirectory"] = dir;
            if (parse.GetValue(urls) is { } u) settings["urls"] = u;
            var app = ControllerHost.Build(new ControllerHostSettings { ConfigFile = parse.GetValue(config), Overrides = settings });
            await app.RunAsync(ct);
            return ExitCodes.Ok;
        });
        return command;
    }
}
