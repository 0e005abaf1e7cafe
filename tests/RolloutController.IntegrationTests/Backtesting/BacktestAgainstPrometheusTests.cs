using System.Globalization;
using System.Text.Json;
using RolloutController.Backtesting;
using RolloutController.Cli;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.TestUtilities.Prometheus;
using RolloutController.Engine;

namespace RolloutController.IntegrationTests.Backtesting;

/// <summary>Backtests against a real Prometheus holding <see cref="CheckoutHistory"/>: healthy for three hours, then an error burst.</summary>
public sealed class BacktestAgainstPrometheusTests(BacktestPrometheusFixture history) : IClassFixture<BacktestPrometheusFixture>, IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
    private readonly BacktestPolicyFile _policy = new();

    public void Dispose() => _policy.Dispose();

    private DateTimeOffset From => history.HistoryStart + TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Advances_through_the_healthy_hours_and_rolls_back_shortly_after_the_error_burst()
    {
        BacktestServices.TryBuild(null, history.Url.ToString(), out var services, out var problems).ShouldBeTrue(string.Join("; ", problems));
        BacktestReport report;
        await using (services)
        {
            var range = new BacktestRange(From, history.HistoryEnd, Interval);
            report = await Backtester.Over(services.GetRequiredService<GuardrailMeasurer>()).RunAsync(LoadPolicy(), range, CancellationToken.None);
        }

        report.Timeline[0].Event.ShouldBe(RolloutTrigger.Start);
        report.Timeline[0].At.ShouldBe(From);
        var advances = report.Timeline.Where(e => e.Event == RolloutTrigger.Advance).ToList();
        advances.Select(e => e.ToWeight).ShouldBe([10m, 25m, 50m, 100m]);
        advances.Select(e => e.At).ShouldBe([From.AddMinutes(30), From.AddMinutes(60), From.AddMinutes(90), From.AddMinutes(120)]);
        advances.ShouldAllBe(e => e.At < history.BurstAt);

        var rollback = report.Timeline.Single(e => e.Event == RolloutTrigger.Rollback);
        rollback.At.ShouldBeGreaterThan(history.BurstAt);
        rollback.At.ShouldBeLessThanOrEqualTo(history.BurstAt + TimeSpan.FromMinutes(15));
        (rollback.FromWeight, rollback.ToWeight).ShouldBe((100m, 0m));
        var breach = rollback.Breaches.ShouldHaveSingleItem();
        breach.Guardrail.ShouldBe("error-rate");
        breach.Value!.Value.ShouldBe(2.0 / 12, 0.005); // 2 failing of 12 requests per second in the flag-on cohort
        breach.Threshold.ShouldBe("max 0.01");
        breach.ConsecutiveFailures.ShouldBe(2);
        breach.FailingSince.ShouldBe(rollback.At - Interval);
        rollback.Reason.ShouldContain("error-rate: 0.166667 is above max 0.01");

        var summary = report.Summary;
        summary.StoppedBecause.ShouldBe(BacktestStopReason.RolledBack);
        (summary.Phase, summary.Weight, summary.Stage).ShouldBe((RolloutPhase.RolledBack, 0m, 5));
        summary.Rounds.ShouldBe((int)((rollback.At - From) / Interval) + 1);
        (summary.ErrorRounds, summary.NoDataRounds).ShouldBe((0, 0));
        summary.Guardrails.Select(g => (g.Guardrail, g.Pass, g.Fail)).ShouldBe(
            [("error-rate", summary.Rounds - 2, 2), ("request-rate", summary.Rounds, 0)]);
    }

    [Fact]
    public async Task The_command_prints_the_same_replay_as_json()
    {
        var (code, stdout, stderr) = await RunAsync("--from", Iso(From), "--to", Iso(history.HistoryEnd), "--prometheus", history.Url.ToString(), "--output", "json");

        code.ShouldBe(ExitCodes.Ok, stderr);
        stderr.ShouldBeEmpty();
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        root.GetProperty("policy").GetString().ShouldBe("bt-checkout");
        root.GetProperty("interval").GetString().ShouldBe("5m");
        var timeline = root.GetProperty("timeline").EnumerateArray().ToList();
        timeline.Select(e => e.GetProperty("event").GetString()).ShouldBe(["start", "advance", "advance", "advance", "advance", "rollback"]);

        var rollback = timeline[^1];
        var at = rollback.GetProperty("at").GetDateTimeOffset();
        at.ShouldBeGreaterThan(history.BurstAt);
        at.ShouldBeLessThanOrEqualTo(history.BurstAt + TimeSpan.FromMinutes(15));
        rollback.GetProperty("fromWeight").GetDecimal().ShouldBe(100m);
        var breach = rollback.GetProperty("breaches").EnumerateArray().ShouldHaveSingleItem();
        breach.GetProperty("guardrail").GetString().ShouldBe("error-rate");
        breach.GetProperty("value").GetDouble().ShouldBe(2.0 / 12, 0.005);
        breach.GetProperty("threshold").GetString().ShouldBe("max 0.01");
        breach.GetProperty("query").GetString()!.ShouldContain("flag=\"bt-checkout\"");

        var summary = root.GetProperty("summary");
        summary.GetProperty("stoppedBecause").GetString().ShouldBe("rolledBack");
        summary.GetProperty("phase").GetString().ShouldBe("rolledBack");
        summary.GetProperty("weight").GetDecimal().ShouldBe(0m);
        summary.GetProperty("errorRounds").GetInt32().ShouldBe(0);
        var errorRate = summary.GetProperty("guardrails").EnumerateArray().First(g => g.GetProperty("guardrail").GetString() == "error-rate");
        errorRate.GetProperty("fail").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task The_table_shows_the_timeline_the_evidence_and_the_summary()
    {
        var (code, stdout, stderr) = await RunAsync("--from", Iso(From), "--to", Iso(history.HistoryEnd), "--prometheus", history.Url.ToString());

        code.ShouldBe(ExitCodes.Ok, stderr);
        stdout.ShouldContain($"{Iso(From)}  start     1/5    0%→1%");
        stdout.ShouldContain($"{Iso(From.AddMinutes(120))}  advance   4→5/5  50%→100%");
        stdout.ShouldContain("Rollback evidence");
        stdout.ShouldContain("error-rate: 0.166667 is above max 0.01; 2 consecutive failures since");
        stdout.ShouldContain("Outcome:  rolled back at");
        stdout.ShouldContain("from 100% to 0% (stage 5 of 5): guardrail error-rate failed");
        stdout.ShouldContain("0 rounds had query errors; 0 rounds had no data");
    }

    [Fact]
    public async Task A_range_before_the_history_has_no_data_in_any_round()
    {
        var before = history.HistoryStart - TimeSpan.FromHours(3);
        var (code, stdout, stderr) = await RunAsync("--from", Iso(before), "--to", Iso(before.AddHours(2)), "--prometheus", history.Url.ToString(), "-o", "json");

        code.ShouldBe(ExitCodes.Ok, stderr);
        stderr.ShouldContain("25 rounds had no data: is --from within Prometheus's retention");
        using var json = JsonDocument.Parse(stdout);
        var summary = json.RootElement.GetProperty("summary");
        summary.GetProperty("rounds").GetInt32().ShouldBe(25);
        summary.GetProperty("noDataRounds").GetInt32().ShouldBe(25);
        summary.GetProperty("phase").GetString().ShouldBe("paused");
        summary.GetProperty("pauseReason").GetString()!.ShouldContain("no data 15 rounds in a row");
    }

    [Fact]
    public async Task An_unreachable_prometheus_gives_error_rounds_clearly_reported_and_exit_0()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var (code, stdout, stderr) = await RunAsync("--from", Iso(From), "--to", Iso(From.AddHours(1)), "--prometheus", closed.ToString());

        code.ShouldBe(ExitCodes.Ok, stderr);
        stdout.ShouldContain("13 rounds had query errors");
        stdout.ShouldContain($"cannot reach Prometheus at {closed}");
        stdout.ShouldContain("the decisions reflect failed queries, not the flag's health");
        stdout.ShouldContain("paused at 1% (stage 1 of 5) at the end of the range: metrics queries failed 5 rounds in a row");
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] options)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await RolloutCtl.RunAsync(["backtest", _policy.Path, .. options], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private RolloutPolicy LoadPolicy() =>
        PolicyLoader.Load([new PolicySourceFile(_policy.Path, File.ReadAllText(_policy.Path))]).Policies.ShouldHaveSingleItem();

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
