using RolloutController.Analysis;
using RolloutController.Backtesting;
using RolloutController.Policies;
using RolloutController.Rollouts;
using Builders = RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.UnitTests.Backtesting;

/// <summary>The replay loop and the report it builds, with scripted measurements instead of Prometheus.</summary>
public sealed class BacktesterTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private static readonly RolloutPolicy Policy = Builders.Default(
        stages: [new(1m, TimeSpan.FromMinutes(30)), new(50m, TimeSpan.FromMinutes(30)), new(100m, TimeSpan.FromMinutes(30))],
        guardrails: [Builders.ErrorRate(), Builders.Conversion()],
        interval: Interval);

    private readonly List<DateTimeOffset> _measuredAt = [];

    private Backtester Scripted(Func<string, DateTimeOffset, Measurement> measure) =>
        new((policy, _, at, _) =>
        {
            _measuredAt.Add(at);
            return Task.FromResult<IReadOnlyList<Measurement>>(policy.Analysis.Guardrails.Select(g => measure(g.Name, at)).ToList());
        });

    private static Task<BacktestReport> Run(Backtester backtester, TimeSpan length) =>
        backtester.RunAsync(Policy, new BacktestRange(From, From + length, Interval), CancellationToken.None);

    [Fact]
    public async Task A_healthy_history_advances_on_schedule_and_stops_when_complete()
    {
        var report = await Run(Scripted((g, at) => Builders.Pass(g, at)), TimeSpan.FromHours(5));

        report.Timeline.Select(e => (e.At - From, e.Event, e.FromWeight, e.ToWeight)).ShouldBe(
        [
            (TimeSpan.Zero, RolloutTrigger.Start, 0m, 1m),
            (TimeSpan.FromMinutes(30), RolloutTrigger.Advance, 1m, 50m),
            (TimeSpan.FromMinutes(60), RolloutTrigger.Advance, 50m, 100m),
            (TimeSpan.FromMinutes(90), RolloutTrigger.Complete, 100m, 100m),
        ]);
        report.Timeline[0].Readings.ShouldBeEmpty();
        report.Timeline[1].Readings.Select(r => r.Guardrail).ShouldBe(["error-rate", "conversion"]);
        _measuredAt.First().ShouldBe(From);
        _measuredAt.Last().ShouldBe(From.AddMinutes(90));

        var summary = report.Summary;
        summary.StoppedBecause.ShouldBe(BacktestStopReason.Completed);
        (summary.Phase, summary.Stage, summary.Stages, summary.Weight).ShouldBe((RolloutPhase.Completed, 3, 3, 100m));
        summary.Rounds.ShouldBe(19);
        summary.LastRoundAt.ShouldBe(From.AddMinutes(90));
        summary.Guardrails.ShouldBe([new GuardrailTally("error-rate", 19, 0, 0, 0, 0), new GuardrailTally("conversion", 19, 0, 0, 0, 0)]);
    }

    [Fact]
    public async Task A_failing_guardrail_rolls_back_with_its_evidence_and_the_replay_stops()
    {
        var burst = From.AddMinutes(42);
        var report = await Run(Scripted((g, at) => g == "error-rate" && at >= burst ? Builders.Fail(g, at, 0.2) : Builders.Pass(g, at)), TimeSpan.FromHours(5));

        var rollback = report.Timeline[^1];
        rollback.Event.ShouldBe(RolloutTrigger.Rollback);
        rollback.At.ShouldBe(From.AddMinutes(50));
        (rollback.FromStage, rollback.ToStage, rollback.FromWeight, rollback.ToWeight).ShouldBe((2, 2, 50m, 0m));
        (rollback.FromPhase, rollback.ToPhase).ShouldBe((RolloutPhase.Observing, RolloutPhase.RolledBack));
        rollback.Reason.ShouldBe("error-rate: 0.2 is above max 0.01 (2 consecutive failures, limit 2)");
        rollback.Breaches.ShouldBe([new BacktestBreach("error-rate", 0.2, "max 0.01", "0.2 is above max 0.01", 2, 2, From.AddMinutes(45), "q")]);
        rollback.Readings.ShouldContain(new BacktestReading("conversion", Verdict.Pass, 0.001, "max 0.01", "ok"));

        report.Summary.StoppedBecause.ShouldBe(BacktestStopReason.RolledBack);
        (report.Summary.Phase, report.Summary.Weight).ShouldBe((RolloutPhase.RolledBack, 0m));
        report.Summary.Rounds.ShouldBe(11);
        report.Summary.Guardrails[0].ShouldBe(new GuardrailTally("error-rate", 9, 2, 0, 0, 0));
        _measuredAt.Last().ShouldBe(From.AddMinutes(50));
    }

    [Fact]
    public async Task Query_errors_pause_the_rollout_which_is_still_measured_to_the_end_and_counted()
    {
        var report = await Run(Scripted((g, at) => g == "conversion"
            ? new Measurement(g, Verdict.Error, null, "min 0.03", "q", "cannot reach Prometheus at http://127.0.0.1:1/: connection refused", at)
            : Builders.Pass(g, at)), TimeSpan.FromHours(1));

        var pause = report.Timeline.Single(e => e.Event == RolloutTrigger.Pause);
        pause.At.ShouldBe(From.AddMinutes(20));
        pause.Reason.ShouldBe("metrics queries failed 5 rounds in a row (limit 5)");

        var summary = report.Summary;
        summary.StoppedBecause.ShouldBe(BacktestStopReason.EndOfRange);
        (summary.Phase, summary.Weight, summary.Rounds, summary.ErrorRounds).ShouldBe((RolloutPhase.Paused, 1m, 13, 13));
        summary.HoldServed.ShouldBe(TimeSpan.FromMinutes(20));
        summary.PauseReason.ShouldBe(pause.Reason);
        summary.FirstError.ShouldBe("conversion at 2026-11-01T00:00:00Z: cannot reach Prometheus at http://127.0.0.1:1/: connection refused");
        summary.Guardrails[1].ShouldBe(new GuardrailTally("conversion", 0, 0, 0, 0, 13));
        _measuredAt.Last().ShouldBe(From.AddHours(1));
    }

    [Fact]
    public async Task No_data_and_inconclusive_verdicts_are_counted_apart()
    {
        var report = await Run(Scripted((g, at) => Builders.Of(g, g == "error-rate" ? Verdict.NoData : Verdict.Inconclusive, at)), TimeSpan.FromMinutes(20));

        report.Summary.NoDataRounds.ShouldBe(5);
        report.Summary.ErrorRounds.ShouldBe(0);
        report.Summary.Guardrails.ShouldBe([new GuardrailTally("error-rate", 0, 0, 0, 5, 0), new GuardrailTally("conversion", 0, 0, 5, 0, 0)]);
        report.Summary.StoppedBecause.ShouldBe(BacktestStopReason.EndOfRange);
        report.Timeline.ShouldHaveSingleItem().Event.ShouldBe(RolloutTrigger.Start);
    }

    [Fact]
    public async Task A_stage_hold_that_ends_between_rounds_advances_at_its_end_as_the_live_scheduler_does()
    {
        var policy = Policy with { Stages = [new(1m, TimeSpan.FromMinutes(12)), new(100m, TimeSpan.FromMinutes(12))] };
        var report = await Scripted((g, at) => Builders.Pass(g, at))
            .RunAsync(policy, new BacktestRange(From, From.AddHours(1), Interval), CancellationToken.None);

        report.Timeline.Select(e => (e.At - From, e.Event)).ShouldBe(
        [
            (TimeSpan.Zero, RolloutTrigger.Start),
            (TimeSpan.FromMinutes(12), RolloutTrigger.Advance),
            (TimeSpan.FromMinutes(24), RolloutTrigger.Complete),
        ]);
        _measuredAt.Select(at => (at - From).TotalMinutes).ShouldBe([0, 5, 10, 12, 15, 20, 24]);
    }

    [Fact]
    public async Task The_report_describes_the_policy_and_the_range()
    {
        var report = await Run(Scripted((g, at) => Builders.Pass(g, at)), TimeSpan.FromMinutes(10));

        (report.Policy, report.Flag, report.Source, report.Revision).ShouldBe(("new-checkout", "new-checkout", "policies/new-checkout.yaml", "rev1"));
        (report.From, report.To, report.Interval).ShouldBe((From, From.AddMinutes(10), Interval));
        report.Plan.ShouldBe(Policy.Stages);
        report.Summary.HoldServed.ShouldBe(TimeSpan.FromMinutes(10));
    }
}
