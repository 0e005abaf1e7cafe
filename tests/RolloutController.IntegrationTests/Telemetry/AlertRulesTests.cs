using System.Diagnostics;
using System.Text.RegularExpressions;
using RolloutController.IntegrationTests.Policies;
using RolloutController.TestUtilities.Dependencies;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Telemetry;

/// <summary>The shipped alert rules are valid for Prometheus and name only metrics the controller exposes.</summary>
public sealed partial class AlertRulesTests
{
    private static readonly string Rules = Path.Combine(RepositoryPaths.Root, "docs", "alerts", "rollout-controller.rules.yml");

    [Fact]
    public async Task The_alert_rules_pass_promtool_check_rules()
    {
        var start = new ProcessStartInfo(RequiredDependency.Executable("promtool", "/usr/bin/promtool"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["check", "rules", Rules]) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.ShouldBe(0, output);
        output.ShouldContain("SUCCESS");
    }

    [Fact]
    public async Task Every_controller_metric_the_rules_use_is_exposed()
    {
        await using var controller = await RunningController.StartAsync(new ControllerSetup());
        var exposed = (await controller.Client.GetStringAsync("metrics")).Split('\n')
            .Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToHashSet();

        var used = MetricName().Matches(await File.ReadAllTextAsync(Rules)).Select(m => Regex.Replace(m.Value, "_(bucket|sum|count)$", "")).Distinct().ToList();

        used.ShouldNotBeEmpty();
        used.Where(name => !exposed.Contains(name)).ShouldBeEmpty("metrics the alert rules name but the controller does not expose");
    }

    [GeneratedRegex("rollout_controller_[a-z_]+")]
    private static partial Regex MetricName();
}
