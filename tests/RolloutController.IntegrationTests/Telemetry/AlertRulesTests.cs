using System.Diagnostics;
using System.Text.RegularExpressions;
using RolloutController.IntegrationTests.Policies;
using RolloutController.TestUtilities.Dependencies;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Telemetry;

/// <summary>
/// The shipped alert rules (the chart's file) are valid for Prometheus, pass their promtool unit tests and name only
/// metrics the controller exposes.
/// </summary>
public sealed partial class AlertRulesTests
{
    private static readonly string Chart = Path.Combine(RepositoryPaths.Root, "charts", "rollout-controller");
    private static readonly string Rules = Path.Combine(Chart, "files", "rollout-controller.rules.yml");

    [Fact]
    public async Task The_alert_rules_pass_promtool_check_rules()
    {
        var (exitCode, output) = await PromtoolAsync("check", "rules", Rules);

        exitCode.ShouldBe(0, output);
        output.ShouldContain("SUCCESS");
    }

    [Fact]
    public async Task The_alert_rules_pass_their_promtool_unit_tests()
    {
        var testFiles = Directory.GetFiles(Path.Combine(Chart, "ci"), "*.rules.test.yml").Order().ToArray();
        testFiles.Length.ShouldBe(2);

        var (exitCode, output) = await PromtoolAsync(["test", "rules", .. testFiles]);

        exitCode.ShouldBe(0, output);
        output.Split("SUCCESS").Length.ShouldBe(testFiles.Length + 1, output);
    }

    [Fact]
    public async Task Every_alert_has_a_unit_test_that_makes_it_fire()
    {
        var alerts = AlertName().Matches(await File.ReadAllTextAsync(Rules)).Select(m => m.Groups[1].Value).ToHashSet();
        var tested = new HashSet<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Chart, "ci"), "*.rules.test.yml"))
        {
            // An alertname whose next exp_alerts is not empty: a case in which the alert fires.
            foreach (Match m in FiringTest().Matches(await File.ReadAllTextAsync(file))) tested.Add(m.Groups[1].Value);
        }

        alerts.ShouldContain("RolloutControllerDown");
        alerts.Where(a => !tested.Contains(a)).ShouldBeEmpty("alerts without a firing unit test");
    }

    private static async Task<(int ExitCode, string Output)> PromtoolAsync(params string[] args)
    {
        var start = new ProcessStartInfo(RequiredDependency.Executable("promtool", "/usr/bin/promtool"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
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

    [GeneratedRegex(@"- alert: (\w+)")]
    private static partial Regex AlertName();

    [GeneratedRegex(@"alertname: (\w+)\s*\n\s*exp_alerts:\s*\n\s*- ")]
    private static partial Regex FiringTest();

    [GeneratedRegex("rollout_controller_[a-z_]+")]
    private static partial Regex MetricName();
}
