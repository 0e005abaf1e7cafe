using RolloutController.Analysis;
using RolloutController.Analysis.Cohorts;
using RolloutController.Analysis.Segments;
using RolloutController.Analysis.Statistics;
using RolloutController.Policies;
using RolloutController.Rollouts;
using static RolloutController.TestUtilities.Builders.Policies;
using static RolloutController.TestUtilities.Builders.Readings;

namespace RolloutController.UnitTests.Rollouts;

/// <summary>
/// The decider on comparison, sequential and per-segment guardrails, the sample-ratio check and the round limits:
/// readings go through the pure analysis, the measurements through the decider.
/// </summary>
public sealed class CanaryDecisionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    private static RolloutState Started(RolloutPolicy policy) =>
        RolloutDecider.Start(policy, RolloutState.New(policy.Flag.Key, policy.Metadata.Name, "rev1", T0), T0).State;

    /// <summary>Runs rounds one minute apart (starting at <paramref name="from"/>), returning the last decision.</summary>
    private static Decision Rounds(RolloutPolicy policy, RolloutState state, DateTimeOffset from, int count, Func<RolloutState, DateTimeOffset, IReadOnlyList<Measurement>> measure)
    {
        Decision? decision = null;
        for (var i = 0; i < count; i++)
        {
            var now = from + TimeSpan.FromMinutes(i);
            decision = RolloutDecider.Evaluate(policy, state, measure(state, now), now);
            state = decision.State;
        }
        return decision!;
    }

    private static Func<RolloutState, DateTimeOffset, IReadOnlyList<Measurement>> Analyse(RolloutPolicy policy, GuardrailReadings readings) =>
        (state, now) => policy.Analysis.Guardrails.SelectMany(g => GuardrailAnalysis.Evaluate(policy, g, state, readings, now)).ToList();

    [Theory]
    [InlineData(0.8, 0.5, nameof(MetricDirection.LowerIsBetter), nameof(MarginKind.Relative), 0.2)]
    [InlineData(0.3, 0.5, nameof(MetricDirection.HigherIsBetter), nameof(MarginKind.Relative), 0.2)]
    [InlineData(0.06, 0.05, nameof(MetricDirection.LowerIsBetter), nameof(MarginKind.Absolute), 0.002)]
    [InlineData(0.04, 0.05, nameof(MetricDirection.HigherIsBetter), nameof(MarginKind.Absolute), 0.002)]
    public void A_comparison_that_fails_twice_rolls_back(double canary, double baseline, string direction, string kind, double margin)
    {
        var g = Comparison(new Margin(Enum.Parse<MarginKind>(kind), margin), Enum.Parse<MetricDirection>(direction));
        var policy = Default(guardrails: [g]);

        var d = Rounds(policy, Started(policy), T0 + TimeSpan.FromMinutes(1), 2, Analyse(policy, GuardrailReadings.Of(PerCohort(canary, baseline))));

        d.State.Phase.ShouldBe(RolloutPhase.RolledBack);
        d.State.Weight.ShouldBe(0m);
        d.Notices.Single().Breaches.Single().Measurement.Details!.BaselineValue.ShouldBe(baseline);
    }

    [Theory]
    [InlineData(0.55, 0.5, nameof(MetricDirection.LowerIsBetter))]
    [InlineData(0.45, 0.5, nameof(MetricDirection.HigherIsBetter))]
    public void A_comparison_within_its_limit_advances_after_the_hold(double canary, double baseline, string direction)
    {
        var policy = Default(guardrails: [Comparison(Margin.Relative(0.2), Enum.Parse<MetricDirection>(direction))]);

        var d = Rounds(policy, Started(policy), T0 + Day, 1, Analyse(policy, GuardrailReadings.Of(PerCohort(canary, baseline))));

        d.Transitions.Single().Trigger.ShouldBe(RolloutTrigger.Advance);
    }

    [Fact]
    public void Sequential_pass_advances_fail_rolls_back_and_inconclusive_holds()
    {
        var policy = Default(guardrails: [Sequential()]);

        Rounds(policy, Started(policy), T0 + Day, 1, Analyse(policy, Counts(100, 10_000, 1_000, 100_000)))
            .Transitions.Single().Trigger.ShouldBe(RolloutTrigger.Advance);
        Rounds(policy, Started(policy), T0 + TimeSpan.FromHours(1), 2, Analyse(policy, Counts(150, 5_000, 1_000, 100_000)))
            .State.Phase.ShouldBe(RolloutPhase.RolledBack);

        var inconclusive = Rounds(policy, Started(policy), T0 + Day, 30, Analyse(policy, Counts(1, 50, 100, 10_000)));
        inconclusive.Changed.ShouldBeFalse("not enough data never advances");
        inconclusive.State.Phase.ShouldBe(RolloutPhase.Observing);
        inconclusive.State.ConsecutiveInconclusiveRounds.ShouldBe(30);
    }

    [Fact]
    public void Failures_in_different_segments_do_not_add_up()
    {
        var policy = Default(guardrails: [PerPlan()]);
        var rounds = new[]
        {
            GuardrailReadings.Of(OnTraffic(Series(0.2, ("plan", "free")), Series(0.01, ("plan", "pro")))),
            GuardrailReadings.Of(OnTraffic(Series(0.01, ("plan", "free")), Series(0.2, ("plan", "pro")))),
        };
        var i = 0;

        var d = Rounds(policy, Started(policy), T0 + TimeSpan.FromMinutes(1), 2, (s, now) => Analyse(policy, rounds[i++])(s, now));

        d.State.Phase.ShouldBe(RolloutPhase.Observing);
        d.State.StreakOf("plan-errors [plan=\"pro\"]").Failures.ShouldBe(1);
    }

    [Fact]
    public void A_segment_breach_rolls_back_by_default_even_when_the_aggregate_is_healthy()
    {
        var policy = Default(guardrails: [PerPlan(), ErrorRate()]);
        var readings = GuardrailReadings.Of(OnTraffic(Series(0.2, ("plan", "free")), Series(0.01, ("plan", "pro"))));
        IReadOnlyList<Measurement> Measure(RolloutState s, DateTimeOffset now) =>
            [.. GuardrailAnalysis.Evaluate(policy, policy.Analysis.Guardrails[0], s, readings, now), Pass("error-rate", now)];

        var d = Rounds(policy, Started(policy), T0 + TimeSpan.FromMinutes(1), 2, Measure);

        d.State.Phase.ShouldBe(RolloutPhase.RolledBack);
        d.Transitions.Single().Reason.ShouldStartWith("plan-errors [plan=\"free\"]: plan=\"free\": 0.2 is above max 0.05 (2 consecutive failures, limit 2)");
        d.Notices.Single().Summary.ShouldContain("guardrail plan-errors [plan=\"free\"] failed");
    }

    [Fact]
    public void A_segment_breach_with_exclude_records_the_segment_keeps_the_weight_and_the_rollout_continues()
    {
        var policy = Default(guardrails: [PerPlan(SegmentBreachAction.Exclude)]);
        var readings = GuardrailReadings.Of(OnTraffic(Series(0.2, ("plan", "free")), Series(0.01, ("plan", "pro"))));

        var d = Rounds(policy, Started(policy), T0 + TimeSpan.FromMinutes(1), 2, Analyse(policy, readings));

        d.State.Phase.ShouldBe(RolloutPhase.Observing);
        d.State.Weight.ShouldBe(1m);
        var excluded = d.State.ExcludedSegments.ShouldHaveSingleItem();
        (excluded.Guardrail, excluded.Segment, excluded.StageIndex).ShouldBe(("plan-errors", Segment.Of(("plan", "free")), 0));
        var t = d.Transitions.Single();
        (t.Trigger, t.From, t.To, t.FromWeight, t.ToWeight).ShouldBe((RolloutTrigger.Exclude, RolloutPhase.Observing, RolloutPhase.Observing, 1m, 1m));
        var notice = d.Notices.Single();
        notice.Kind.ShouldBe(NoticeKind.SegmentExcluded);
        notice.Summary.ShouldBe("'new-checkout' excluded segment plan=\"free\" at 1%: guardrail plan-errors failed there");
        notice.NextStep.ShouldContain("Services must send plan as an evaluation-context attribute");
        notice.Breaches.Single().Measurement.Segment.ShouldBe("plan=\"free\"");

        // The excluded segment is no longer measured: the others pass, and after the hold the rollout advances.
        var next = Rounds(policy, d.State, T0 + Day, 1, Analyse(policy, readings));
        next.Transitions.Single().Trigger.ShouldBe(RolloutTrigger.Advance);
        next.State.ExcludedSegments.Count.ShouldBe(1, "exclusions last for the rest of the rollout");
    }

    [Fact]
    public void A_restart_includes_excluded_segments_again()
    {
        var policy = Default(guardrails: [PerPlan(SegmentBreachAction.Exclude)]);
        var state = Started(policy) with
        {
            Phase = RolloutPhase.Aborted,
            ExcludedSegments = [new ExcludedSegment("plan-errors", Segment.Of(("plan", "free")), 0, "bad", T0)],
        };

        RolloutDecider.Apply(policy, state, RolloutCommand.Resume, "alice", "fixed", T0).Decision!.State.ExcludedSegments.ShouldBeEmpty();
    }

    [Fact]
    public void A_sample_ratio_mismatch_holds_then_pauses_and_tells_on_call_that_bucketing_is_broken()
    {
        var policy = Default(guardrails: [ErrorRate()]) with { };
        policy = policy with { Analysis = policy.Analysis with { SampleRatio = new SampleRatioSpec("x", MismatchLimit: 3) } };
        IReadOnlyList<Measurement> Measure(RolloutState s, DateTimeOffset now) =>
            [Pass("error-rate", now), SampleRatioAnalysis.Evaluate(policy.Analysis.SampleRatio!, s, GuardrailReadings.Of(PerCohort(300, 9_700)), now)];

        var held = Rounds(policy, Started(policy), T0 + Day, 2, Measure);
        held.Changed.ShouldBeFalse("a mismatch never advances");
        held.State.StreakOf("sample-ratio").Failures.ShouldBe(2);

        var paused = RolloutDecider.Evaluate(policy, held.State, Measure(held.State, T0 + Day + TimeSpan.FromMinutes(2)), T0 + Day + TimeSpan.FromMinutes(2));
        paused.State.Phase.ShouldBe(RolloutPhase.Paused);
        paused.State.Weight.ShouldBe(1m, "a mismatch pauses, it never rolls back");
        var notice = paused.Notices.Single();
        (notice.Kind, notice.Severity).ShouldBe((NoticeKind.Paused, NoticeSeverity.Critical));
        notice.Summary.ShouldContain("bucketing or flag delivery is broken");
        notice.Breaches.Single().Measurement.Guardrail.ShouldBe("sample-ratio");
    }

    [Fact]
    public void An_inconclusive_sample_ratio_check_does_not_hold_the_gate()
    {
        var policy = Default(guardrails: [ErrorRate()]);
        policy = policy with { Analysis = policy.Analysis with { SampleRatio = new SampleRatioSpec("x") } };

        var d = RolloutDecider.Evaluate(policy, Started(policy), [Pass("error-rate", T0 + Day), Of("sample-ratio", Verdict.Inconclusive, T0 + Day)], T0 + Day);

        d.Transitions.Single().Trigger.ShouldBe(RolloutTrigger.Advance);
    }

    [Theory]
    [InlineData(nameof(LimitAction.Pause), nameof(RolloutPhase.Paused), nameof(RolloutTrigger.Pause))]
    [InlineData(nameof(LimitAction.Rollback), nameof(RolloutPhase.RolledBack), nameof(RolloutTrigger.Rollback))]
    [InlineData(nameof(LimitAction.Notify), nameof(RolloutPhase.Observing), nameof(RolloutTrigger.Warn))]
    public void The_inconclusive_limit_takes_its_action(string action, string phase, string trigger)
    {
        var policy = Default(guardrails: [ErrorRate()]);
        policy = policy with { Analysis = policy.Analysis with { InconclusiveLimit = new RoundLimit(3, Enum.Parse<LimitAction>(action)) } };

        var d = Rounds(policy, Started(policy), T0 + TimeSpan.FromMinutes(1), 3, (_, now) => [Of("error-rate", Verdict.Inconclusive, now)]);

        d.State.Phase.ShouldBe(Enum.Parse<RolloutPhase>(phase));
        d.Transitions.Single().Trigger.ShouldBe(Enum.Parse<RolloutTrigger>(trigger));
        d.Transitions.Single().Reason.ShouldBe("guardrails were inconclusive (not enough data) 3 rounds in a row (limit 3)");
        d.Notices.ShouldHaveSingleItem();
    }

    [Fact]
    public void A_notify_limit_tells_once_per_run()
    {
        var policy = Default(guardrails: [ErrorRate()]);
        policy = policy with { Analysis = policy.Analysis with { InconclusiveLimit = new RoundLimit(2, LimitAction.Notify) } };
        var notices = 0;
        var state = Started(policy);
        for (var i = 1; i <= 6; i++)
        {
            var now = T0 + TimeSpan.FromMinutes(i);
            var d = RolloutDecider.Evaluate(policy, state, [Of("error-rate", Verdict.Inconclusive, now)], now);
            notices += d.Notices.Count(n => n.Kind == NoticeKind.Warning);
            state = d.State;
        }
        notices.ShouldBe(1);
    }

    [Theory]
    [InlineData(nameof(LimitAction.Rollback), nameof(RolloutPhase.RolledBack))]
    [InlineData(nameof(LimitAction.Notify), nameof(RolloutPhase.Observing))]
    [InlineData(nameof(LimitAction.Pause), nameof(RolloutPhase.Paused))]
    public void The_error_limit_takes_its_action(string action, string phase)
    {
        var policy = Default(guardrails: [ErrorRate()], errorLimit: 2);
        policy = policy with { Analysis = policy.Analysis with { OnErrorLimit = Enum.Parse<LimitAction>(action) } };

        var d = Rounds(policy, Started(policy), T0 + TimeSpan.FromMinutes(1), 2, (_, now) => [Of("error-rate", Verdict.Error, now)]);

        d.State.Phase.ShouldBe(Enum.Parse<RolloutPhase>(phase));
        d.Transitions.Single().Reason.ShouldBe("metrics queries failed 2 rounds in a row (limit 2)");
    }
}
