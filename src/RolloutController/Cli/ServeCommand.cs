using System.CommandLine;
using Microsoft.Extensions.Options;
using RolloutController.Hosting;

namespace RolloutController.Cli;

/// <summary><c>rolloutctl serve</c>: runs the controller until stopped.</summary>
internal static class ServeCommand
{
    public static Command Create(TextWriter stderr)
    {
        var config = new Option<string?>("--config", "-c") { Description = "JSON configuration file (see docs/operations.md)" };
        var policies = new Option<string?>("--policies") { Description = "Policy directory. Default: RolloutController:PoliciesDirectory or ./policies" };
        var urls = new Option<string?>("--urls") { Description = "Listen address(es). Default: http://127.0.0.1:8080" };
        var command = new Command("serve", "Run the controller: policies, scheduler, OFREP, API and /metrics") { config, policies, urls };
        command.SetAction(async (parse, ct) =>
        {
            var settings = new Dictionary<string, string?>();
            if (parse.GetValue(policies) is { } dir) settings[ControllerOptions.Section + ":PoliciesDirectory"] = dir;
            if (parse.GetValue(urls) is { } u) settings["urls"] = u;
            WebApplication app;
            try
            {
                app = ControllerHost.Build(new ControllerHostSettings { ConfigFile = parse.GetValue(config), Overrides = settings });
            }
            catch (OptionsValidationException ex)
            {
                await stderr.WriteLineAsync("error: invalid configuration:");
                foreach (var failure in ex.Failures) await stderr.WriteLineAsync($"  {failure}");
                return ExitCodes.Usage;
            }
            catch (FileNotFoundException ex)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.Usage;
            }
            try
            {
                await app.RunAsync(ct); // disposes the host when it ends
            }
            catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                await stderr.WriteLineAsync($"error: {ex.Message} (choose another with --urls)");
                return ExitCodes.Usage;
            }
            catch (Store.Sqlite.SqliteStoreInUseException ex)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.Usage;
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
