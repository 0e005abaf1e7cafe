using System.CommandLine;
using Microsoft.Extensions.Configuration;
using RolloutController.Notifications;
using RolloutController.Policies;
using Spectre.Console;
using RolloutController.PolicyFiles;

namespace RolloutController.Cli;

/// <summary><c>rolloutctl validate policies/</c>: every problem in every file at once, with file:line:column.</summary>
internal static class ValidateCommand
{
    public static Command Create(IAnsiConsole stdout, TextWriter stderr)
    {
        var path = new Argument<string>("path") { Description = "A policy file or a directory of them", DefaultValueFactory = _ => "policies" };
        var output = CommonOptions.Output();
        var config = new Option<string?>("--config", "-c")
        {
            Description = "The controller's JSON configuration: also check that every `notify` route is configured there",
        };
        var command = new Command("validate", "Check policy files; exit 0 when all are valid, 1 when any is not, 2 when a path does not exist") { path, output, config };
        command.SetAction(parse =>
        {
            IReadOnlySet<string>? routes = null;
            if (parse.GetValue(config) is { } file)
            {
                if (!File.Exists(file))
                {
                    stderr.WriteLine($"rolloutctl validate: configuration file '{file}' does not exist");
                    return ExitCodes.Usage;
                }
                var options = new NotificationOptions();
                try
                {
                    new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(file)).Build().GetSection(NotificationOptions.SectionName).Bind(options);
                }
                catch (Exception e) when (e is InvalidDataException or FormatException or IOException or InvalidOperationException or UnauthorizedAccessException)
                {
                    // Malformed JSON or a value of the wrong type: a usage error, not a stack trace.
                    stderr.WriteLine($"rolloutctl validate: cannot read configuration file '{file}': {e.Message}");
                    return ExitCodes.Usage;
                }
                routes = options.KnownRouteNames();
            }
            return PolicyValidationCommand.Run(parse.GetValue(path)!, stdout.Profile.Out.Writer, stderr, parse.GetValue(output) == "json", routes);
        });
        return command;
    }
}
