using System.CommandLine;

namespace RolloutController.Cli;

/// <summary>Options shared by the verbs that talk to a running controller (rolloutctl-fast compiles this file too).</summary>
internal static class CommonOptions
{
    public const string DefaultServer = "http://127.0.0.1:8080";

    public static Option<string> Server() => new("--server")
    {
        Description = $"Controller URL. Default: $ROLLOUTCTL_SERVER or {DefaultServer}",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ROLLOUTCTL_SERVER") is { Length: > 0 } s ? s : DefaultServer,
    };

    public static Option<string?> Token() => new("--token")
    {
        Description = "API token for changes. Default: $ROLLOUTCTL_TOKEN",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ROLLOUTCTL_TOKEN"),
    };

    public static Option<string> Output()
    {
        var option = new Option<string>("--output", "-o") { Description = "table or json", DefaultValueFactory = _ => "table" };
        option.AcceptOnlyFromAmong("table", "json");
        return option;
    }
}
