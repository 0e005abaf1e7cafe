using System.Text.Json;
using RolloutController.Cli;
using RolloutController.IntegrationTests.Api;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Cli;

/// <summary><c>rolloutctl validate --config</c>: every channel's settings and every route named, checked offline, every failure listed.</summary>
[Collection(ControllerCollection.Name)]
public sealed class ValidateConfigurationTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rolloutctl-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<string> ConfigAsync(string json)
    {
        var config = Path.Combine(_directory, "controller.json");
        await File.WriteAllTextAsync(config, json);
        return config;
    }

    [Fact]
    public async Task Every_bad_channel_setting_and_every_unknown_route_is_listed_and_fails()
    {
        var policy = TestPolicy.FourStages("routed") with { Notify = ["oncall-paymnts"] };
        var file = policy.WriteTo(_directory);
        var config = await ConfigAsync("""
            {
              "RolloutController": {
                "ExternalUrl": "rollouts.example.com",
                "Notifications": {
                  "DashboardUrl": "grafana/{flag}",
                  "Routes": {
                    "pagerduty-payments": [ { "Type": "pagerduty", "RoutingKey": "too-short" } ],
                    "slack-payments": [ { "Type": "slack", "Url": "not a url" } ]
                  },
                  "OwnerRoutes": { "team-payments": { "Critical": [ "pagerduty-payments" ], "Info": [ "slack-paymnts" ] } },
                  "DefaultRoutes": { "Critical": [ "pagerduty-platform" ] }
                }
              }
            }
            """);

        var result = await CliResult.RunAsync("validate", _directory, "--config", config);

        result.Exit.ShouldBe(ExitCodes.Failed, result.ToString());
        var lines = result.Stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain($"{config}: error: RolloutController:ExternalUrl must be an absolute http(s) URL (got 'rollouts.example.com')");
        lines.ShouldContain(l => l.StartsWith($"{config}: error: RolloutController:Notifications:DashboardUrl must be", StringComparison.Ordinal));
        lines.ShouldContain($"{config}: error: RolloutController:Notifications:Routes:pagerduty-payments:0:RoutingKey must be 32 characters (got 9; the value is not shown)");
        lines.ShouldContain($"{config}: error: RolloutController:Notifications:Routes:slack-payments:0:Url must be an absolute http(s) URL (got (hidden))");
        lines.ShouldContain(l => l.StartsWith($"{config}: error: RolloutController:Notifications:OwnerRoutes:team-payments:Info:0 names route 'slack-paymnts'", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith($"{config}: error: RolloutController:Notifications:DefaultRoutes:Critical:0 names route 'pagerduty-platform'", StringComparison.Ordinal));
        lines.ShouldContain($"{config}: 6 errors in the configuration");
        lines.ShouldContain(l => l.StartsWith($"{file}:", StringComparison.Ordinal) && l.Contains("unknown notification route 'oncall-paymnts'", StringComparison.Ordinal));
        result.Stderr.ShouldNotContain("too-short");
    }

    [Fact]
    public async Task A_good_configuration_and_policies_exit_0_and_json_carries_the_configuration()
    {
        var policy = TestPolicy.FourStages("routed") with { Notify = ["slack-payments"] };
        policy.WriteTo(_directory);
        var config = await ConfigAsync("""
            {
              "RolloutController": {
                "Notifications": {
                  "Routes": {
                    "pagerduty-payments": [ { "Type": "pagerduty", "RoutingKey": "R0123456789abcdef0123456789abcde" } ],
                    "slack-payments": [ { "Type": "slack", "Url": "https://hooks.slack.example/x" } ]
                  },
                  "OwnerRoutes": { "team-payments": { "Critical": [ "pagerduty-payments" ], "Info": [ "slack-payments" ] } }
                }
              }
            }
            """);

        var text = await CliResult.RunAsync("validate", _directory, "--config", config);
        var json = await CliResult.RunAsync("validate", _directory, "--config", config, "-o", "json");

        text.Exit.ShouldBe(ExitCodes.Ok, text.ToString());
        json.Exit.ShouldBe(ExitCodes.Ok, json.ToString());
        var configuration = JsonDocument.Parse(json.Stdout).RootElement.GetProperty("configuration");
        configuration.GetProperty("file").GetString().ShouldBe(config);
        configuration.GetProperty("errors").GetArrayLength().ShouldBe(0);
    }
}
