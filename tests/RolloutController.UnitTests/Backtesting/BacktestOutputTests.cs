using System.Text.Json;
using RolloutController.Analysis;
using RolloutController.Backtesting;
using RolloutController.ConsoleOutput;
using RolloutController.Policies;
using Builders = RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.UnitTests.Backtesting;

/// <summary>The table and JSON renderings of a report.</summary>
public sealed class BacktestOutputTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly RolloutPolicy Policy = Builders.Default(
        stages: [new(1m, TimeSpan.FromMinutes(30)), new(100m, TimeSpan.FromHours(1))],
        guardrails: [Builders.ErrorRate()],
        interval: TimeSpan.FromMinutes(5));

    private static Task<BacktestReport> Replay(Func<DateTimeOffset, Measurement> measure, TimeSpan length) =>
        new Backtester((_, _, at, _) => Task.FromResult<IReadOnlyList<Measurement>>([measure(at)]))
            .RunAsync(Policy, new BacktestRange(From, From + length, TimeSpan.FromMinutes(5)), CancellationToken.None);

    private static Task<BacktestReport> RolledBack() =>
        Replay(at => at >= From.AddMinutes(40) ? Builders.Fail("error-rate", at, 0.05) : Builders.Pass("error-rate", at), TimeSpan.FromHours(2));

    private static string Text(BacktestReport report)
    {
        using var o = new StringWriter();
        BacktestText.Write(Consoles.Plain(o), report);
        return o.ToString().ReplaceLineEndings("\n");
    }

    [Fact]
    public async Task The_table_shows_the_timeline_the_rollback_evidence_and_the_summary()
    {
        var text = Text(await RolledBack());

        text.ShouldBe("""
            Backtest of new-checkout (flag new-checkout, policies/new-checkout.yaml)
            Replay:   2026-11-01T00:00:00Z → 2026-11-01T02:00:00Z, a round every 5m
            Plan:     1% for 30m → 100% for 1h

            Timeline:
            AT                    EVENT     STAGE  WEIGHT   WHY
            2026-11-01T00:00:00Z  start     1/2    0%→1%    policy 'new-checkout' loaded
            2026-11-01T00:30:00Z  advance   1→2/2  1%→100%  held 30m; every guardrail passed
            2026-11-01T00:45:00Z  rollback  2/2    100%→0%  error-rate: 0.05 is above max 0.01 (2 consecutive failures, limit 2)

            Rollback evidence (2026-11-01T00:45:00Z):
              error-rate: 0.05 is above max 0.01; 2 consecutive failures since 2026-11-01T00:40:00Z (limit 2)
                query: q

            Summary:
              Outcome:  rolled back at 2026-11-01T00:45:00Z from 100% to 0% (stage 2 of 2): guardrail error-rate failed
              Rounds:   10 measurement rounds; 0 rounds had query errors; 0 rounds had no data

            GUARDRAIL   PASS  FAIL  INCONCLUSIVE  NO DATA  ERROR
            error-rate  8     2     0             0        0

            """);
    }

    [Fact]
    public async Task Query_errors_and_missing_data_are_called_out_in_the_summary()
    {
        var report = await Replay(at => at < From.AddMinutes(30)
            ? Builders.Of("error-rate", Verdict.NoData, at)
            : new Measurement("error-rate", Verdict.Error, null, "max 0.01", "q", "cannot reach Prometheus", at), TimeSpan.FromHours(1));

        var text = Text(report);

        text.ShouldContain("Rounds:   13 measurement rounds; 7 rounds had query errors; 6 rounds had no data");
        text.ShouldContain("Warning:  7 rounds had query errors (first: error-rate at 2026-11-01T00:30:00Z: cannot reach Prometheus). " +
                           "Those rounds measured nothing: the decisions reflect failed queries, not the flag's health.");
        text.ShouldContain("Note:     6 rounds had no data: is --from within Prometheus's retention");
        text.ShouldContain("Outcome:  paused at 1% (stage 1 of 2) at the end of the range: metrics queries failed 5 rounds in a row (limit 5)");
    }

    [Fact]
    public async Task A_rollout_still_observing_at_the_end_says_how_much_hold_was_served()
    {
        var report = await Replay(at => Builders.Pass("error-rate", at), TimeSpan.FromMinutes(50));

        BacktestText.Outcome(report).ShouldBe("still observing at the end of the range: stage 2 of 2 at 100%, 20m of 1h hold served");
        BacktestText.Warnings(report.Summary).ShouldBeEmpty();
    }

    [Fact]
    public async Task Json_uses_the_api_conventions_with_durations_as_policies_write_them()
    {
        var json = BacktestJson.Serialize(await RolledBack());

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        root.GetProperty("interval").GetString().ShouldBe("5m");
        root.GetProperty("plan")[1].GetProperty("hold").GetString().ShouldBe("1h");
        root.GetProperty("from").GetDateTimeOffset().ShouldBe(From);
        var rollback = root.GetProperty("timeline")[2];
        rollback.GetProperty("event").GetString().ShouldBe("rollback");
        rollback.GetProperty("fromPhase").GetString().ShouldBe("observing");
        rollback.GetProperty("toPhase").GetString().ShouldBe("rolledBack");
        var breach = rollback.GetProperty("breaches")[0];
        breach.GetProperty("guardrail").GetString().ShouldBe("error-rate");
        breach.GetProperty("value").GetDouble().ShouldBe(0.05);
        breach.GetProperty("failingSince").GetDateTimeOffset().ShouldBe(From.AddMinutes(40));
        rollback.GetProperty("readings")[0].GetProperty("verdict").GetString().ShouldBe("fail");
        root.GetProperty("summary").GetProperty("holdServed").GetString().ShouldBe("15m");
        root.GetProperty("summary").GetProperty("stoppedBecause").GetString().ShouldBe("rolledBack");
        json.ShouldContain("\"reason\": \"policy 'new-checkout' loaded\"");
    }

    [Fact]
    public async Task The_json_reads_back_into_the_same_report()
    {
        var report = await RolledBack();

        var back = JsonSerializer.Deserialize<BacktestReport>(BacktestJson.Serialize(report), BacktestJson.Options)!;

        back.Interval.ShouldBe(report.Interval);
        back.Plan.ShouldBe(report.Plan);
        back.Timeline.Count.ShouldBe(report.Timeline.Count);
        back.Timeline[2].Breaches.ShouldBe(report.Timeline[2].Breaches);
        back.Summary.Guardrails.ShouldBe(report.Summary.Guardrails);
    }
}
