using System.Text.Json;
using RolloutController.Cli;
using RolloutController.IntegrationTests.Api;
using RolloutController.IntegrationTests.Policies;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Cli;

/// <summary>rolloutctl verbs that need no running controller: validate, and serve refusing a bad configuration.</summary>
[Collection(ControllerCollection.Name)]
public sealed class RolloutCtlOfflineTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rolloutctl-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Validate_the_repository_policies_exits_0()
    {
        var result = await CliResult.RunAsync("validate", Path.Combine(RepositoryPaths.Root, "policies"));

        result.Exit.ShouldBe(ExitCodes.Ok, result.ToString());
        result.Stdout.ShouldContain("6 policies, 5 flags, 1 segment in 8 files, all valid");
    }

    [Fact]
    public async Task Validate_a_broken_file_exits_1_with_its_position()
    {
        TestPolicy.FourStages("fine").WriteTo(_directory);
        var broken = new TestPolicy("broken", [(10m, "1h"), (5m, "1h")]).WriteTo(_directory);

        var result = await CliResult.RunAsync("validate", _directory);

        result.Exit.ShouldBe(ExitCodes.Failed, result.ToString());
        result.Stderr.ShouldContain($"{broken}:");
        result.Stderr.ShouldContain("error: spec.stages[1].weight: must be greater than the previous stage's weight 10, got 5");
        result.Stderr.ShouldContain("1 error in 1 file of 2");
    }

    [Fact]
    public async Task Validate_as_json()
    {
        new TestPolicy("broken", [(10m, "0s")]).WriteTo(_directory);

        var result = await CliResult.RunAsync("validate", _directory, "-o", "json");

        result.Exit.ShouldBe(ExitCodes.Failed, result.ToString());
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        json.GetProperty("valid").GetBoolean().ShouldBeFalse();
        json.GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe("spec.stages[0].hold");
    }

    [Fact]
    public async Task Validate_with_the_controller_configuration_checks_notify_routes()
    {
        var policy = TestPolicy.FourStages("routed") with { Notify = ["oncall-payments"] };
        var file = policy.WriteTo(_directory);
        var config = Path.Combine(_directory, "controller.json");
        await File.WriteAllTextAsync(config, """
            { "RolloutController": { "Notifications": { "Routes": { "oncall-search": [ { "Type": "slack", "Url": "https://hooks.slack.example/x" } ] } } } }
            """);

        var unknown = await CliResult.RunAsync("validate", _directory, "--config", config);
        unknown.Exit.ShouldBe(ExitCodes.Failed, unknown.ToString());
        unknown.Stderr.ShouldContain($"{file}:");
        unknown.Stderr.ShouldContain("oncall-payments");

        var withoutConfig = await CliResult.RunAsync("validate", _directory);
        withoutConfig.Exit.ShouldBe(ExitCodes.Ok, withoutConfig.ToString());

        var missing = await CliResult.RunAsync("validate", _directory, "--config", Path.Combine(_directory, "nope.json"));
        missing.Exit.ShouldBe(ExitCodes.Usage, missing.ToString());
    }

    [Fact]
    public async Task Validate_a_missing_path_exits_2()
    {
        var result = await CliResult.RunAsync("validate", Path.Combine(_directory, "nope"));

        result.Exit.ShouldBe(ExitCodes.Usage, result.ToString());
    }

    [Fact]
    public async Task Unknown_verb_is_a_usage_error()
    {
        var result = await CliResult.RunAsync("deploy");

        result.Exit.ShouldBe(ExitCodes.Usage, result.ToString());
        result.Stderr.ShouldContain("Run 'rolloutctl --help' for usage.");
    }

    [Fact]
    public async Task Serve_with_an_invalid_configuration_file_lists_every_failure_and_exits_2()
    {
        var config = Path.Combine(_directory, "controller.json");
        await File.WriteAllTextAsync(config, """
            {
              "RolloutController": {
                "Store": { "Provider": "mysql" },
                "Prometheus": { "Url": "not a url" },
                "Api": { "Tokens": [ { "Name": "ci", "Token": "short" } ] }
              }
            }
            """);

        var result = await CliResult.RunAsync("serve", "--config", config, "--policies", _directory, "--urls", "http://127.0.0.1:0");

        result.Exit.ShouldBe(ExitCodes.Usage, result.ToString());
        var lines = result.Stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("error: invalid configuration:");
        lines.ShouldContain("  RolloutController:Store:Provider 'mysql' is not supported; use one of: sqlite, postgres.");
        lines.ShouldContain("  RolloutController:Prometheus:Url must be an absolute http or https URL (was 'not a url')");
        lines.ShouldContain("  RolloutController:Api:Tokens:0:Token must be at least 16 characters, got 5");
        lines.Length.ShouldBe(4);
    }

    [Fact]
    public async Task Serve_on_a_port_in_use_exits_2()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var config = Path.Combine(_directory, "controller.json");
        await File.WriteAllTextAsync(config, $$"""
            { "RolloutController": { "Store": { "ConnectionString": "Data Source={{Path.Combine(_directory, "rollouts.db")}}" } },
              "Logging": { "LogLevel": { "Default": "None" } } }
            """);

        var result = await CliResult.RunAsync("serve", "--config", config, "--policies", _directory, "--urls", $"http://127.0.0.1:{port}");

        result.Exit.ShouldBe(ExitCodes.Usage, result.ToString());
        result.Stderr.ShouldContain($"127.0.0.1:{port}");
        result.Stderr.ShouldContain("choose another with --urls");
    }

    [Fact]
    public async Task Serve_with_a_missing_configuration_file_exits_2()
    {
        var result = await CliResult.RunAsync("serve", "--config", Path.Combine(_directory, "missing.json"));

        result.Exit.ShouldBe(ExitCodes.Usage, result.ToString());
        result.Stderr.ShouldContain("missing.json' does not exist");
    }
}
