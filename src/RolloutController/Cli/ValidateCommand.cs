using System.CommandLine;
using Microsoft.Extensions.Configuration;
using RolloutController.Flags.Platforms;
using RolloutController.Hosting;
using RolloutController.Notifications;
using RolloutController.Policies;
using Spectre.Console;
using RolloutController.PolicyFiles;

namespace RolloutController.Cli;

/// <summary><c>rolloutctl validate policies/</c>: every problem in every file at once, with file:line:column.</summary>
internal static class ValidateCommand
{
    public static Command Create(IAnsiConsole stdout, TextWriter stderr, TimeProvider time)
    {
        var path = new Argument<string>("path") { Description = "A policy file or a directory of them", DefaultValueFactory = _ => "policies" };
        var output = CommonOptions.Output();
        var config = new Option<string?>("--config", "-c")
        {
            Description = "The controller's JSON configuration: also check every channel's settings, and that every route the owner map " +
                          "and every policy's `notify` name and `spec.flag.provider` is configured there (offline: nothing is contacted)",
        };
        var command = new Command("validate", "Check policy files; exit 0 when all are valid, 1 when any is not, 2 when a path does not exist") { path, output, config };
        command.SetAction(parse =>
        {
            IReadOnlySet<string>? routes = null;
            IReadOnlyDictionary<string, FlagPlatform>? providers = null;
            ConfigurationErrors? configurationErrors = null;
            if (parse.GetValue(config) is { } file)
            {
                if (!File.Exists(file))
                {
                    stderr.WriteLine($"rolloutctl validate: configuration file '{file}' does not exist");
                    return ExitCodes.Usage;
                }
                var options = new NotificationOptions();
                var controller = new ControllerOptions();
                var platforms = new FlagPlatformOptions();
                try
                {
                    var configuration = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(file)).Build();
                    configuration.GetSection(NotificationOptions.SectionName).Bind(options);
                    configuration.GetSection(ControllerOptions.Section).Bind(controller);
                    configuration.GetSection(FlagPlatformOptions.SectionName).Bind(platforms.Connections);
                }
                catch (Exception e) when (e is InvalidDataException or FormatException or IOException or InvalidOperationException or UnauthorizedAccessException)
                {
                    // Malformed JSON or a value of the wrong type: a usage error, not a stack trace.
                    stderr.WriteLine($"rolloutctl validate: cannot read configuration file '{file}': {e.Message}");
                    return ExitCodes.Usage;
                }
                routes = options.KnownRouteNames();
                providers = platforms.KnownProviders();
                configurationErrors = new ConfigurationErrors(file,
                [
                    .. new ControllerOptionsValidator().Validate(null, controller).Failures ?? [],
                    .. new NotificationOptionsValidator().Validate(null, options).Failures ?? [],
                    // Offline: a token's environment variable is only named here; the controller checks it is set at start-up.
                    .. new FlagPlatformOptionsValidator(environment: null).Validate(null, platforms).Failures ?? [],
                ]);
            }
            return PolicyValidationCommand.Run(parse.GetValue(path)!, stdout.Profile.Out.Writer, stderr, parse.GetValue(output) == "json", routes,
                configurationErrors, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), providers);
        });
        return command;
    }
}
