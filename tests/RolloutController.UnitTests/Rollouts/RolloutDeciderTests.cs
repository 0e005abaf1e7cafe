using RolloutController.Analysis;
using RolloutController.Policies;
using RolloutController.Rollouts;
using static RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.UnitTests.Rollouts;

public sealed class RolloutDeciderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly RolloutPolicy _policy = Default();

    private RolloutState Started(DateTimeOffset? at = null) =>
        RolloutDecider.Start(_policy, RolloutState.New("new-checkout", "new-checkout", "rev1", at ?? T0), at ?? T0).State;

    [Fact]
    public void Start_enters_the_first_stage_and_records_why()
    {
        var d = RolloutDecider.Start(_policy, RolloutState.New("new-checkout", "new-checkout", "rev1", T0), T0);

        d.State.Phase.ShouldBe(RolloutPhase.Observing);
        d.State.StageIndex.ShouldBe(0);
        d.State.Weight.ShouldBe(1m);
        d.State.StageStartedAt.ShouldBe(T0);
        d.Transitions.Single().Trigger.ShouldBe(RolloutTrigger.Start);
        d.Notices.Single().Kind.ShouldBe(NoticeKind.Started);
    }

    [Fact]
    public void Start_of_a_started_rollout_changes_nothing() =>
        RolloutDecider.Start(_policy, Started(), T0).Changed.ShouldBeFalse();

    [Fact]
    public void Healthy_measurements_before_the_hold_has_elapsed_do_not_advance()
    {
        var now = T0 + TimeSpan.FromHours(23);
        var d = RolloutDecider.Evaluate(_policy, Started(), AllPass(_policy, now), now);

        d.Changed.ShouldBeFalse();
        d.State.Weight.ShouldBe(1m);
        d.State.LastMeasuredAt.ShouldBe(now);
    }

    [Fact]
    public void Hold_elapsed_and_every_guardrail_passing_advances_to_the_next_stage()
    {
        var now = T0 + TimeSpan.FromHours(24);
        var d = RolloutDecider.Evaluate(_policy, Started(), AllPass(_policy, now), now);

        d.State.StageIndex.ShouldBe(1);
        d.State.Weight.ShouldBe(10m);
        d.State.StageStartedAt.ShouldBe(now);
        d.State.HoldServedAt(now).ShouldBe(TimeSpan.Zero);
        var t = d.Transitions.Single();
        (t.Trigger, t.FromWeight, t.ToWeight, t.Actor).ShouldBe((RolloutTrigger.Advance, 1m, 10m, "controller"));
        d.Notices.Single().Kind.ShouldBe(NoticeKind.Advanced);
    }

    [Theory]
    [InlineData(nameof(Verdict.NoData))]
    [InlineData(nameof(Verdict.Error))]
    [InlineData(nameof(Verdict.Inconclusive))]
    [InlineData(nameof(Verdict.Fail))]
    public void Any_guardrail_not_passing_keeps_the_gate_closed(string verdictName)
    {
        var verdict = Enum.Parse<Verdict>(verdictName);
        var now = T0 + TimeSpan.FromHours(30);
        var d = RolloutDecider.Evaluate(_policy, Started(), [Pass("error-rate", now), Of("conversion", verdict, now)], now);

        d.State.StageIndex.ShouldBe(0);
        d.State.Phase.ShouldBe(RolloutPhase.Observing);
    }

    [Fact]
    public void A_guardrail_that_was_not_measured_keeps_the_gate_closed()
    {
        var now = T0 + TimeSpan.FromHours(30);
        RolloutDecider.Evaluate(_policy, Started(), [Pass("error-rate", now)], now).Changed.ShouldBeFalse();
        RolloutDecider.Evaluate(_policy, Started(), [], now).Changed.ShouldBeFalse();
    }

    [Fact]
    public void One_failure_below_the_limit_holds_and_counts()
    {
        var now = T0 + TimeSpan.FromHours(30);
        var d = RolloutDecider.Evaluate(_policy, Started(), [Fail("error-rate", now), Pass("conversion", now)], now);

        d.Changed.ShouldBeFalse();
        d.State.StreakOf("error-rate").ShouldBe(new GuardrailStreak(1, now));
    }

    [Fact]
    public void Failures_reaching_the_limit_roll_back_to_zero_with_the_evidence()
    {
        var t1 = T0 + TimeSpan.FromMinutes(1);
        var t2 = T0 + TimeSpan.FromMinutes(2);
        var s = RolloutDecider.Evaluate(_policy, Started(), [Fail("error-rate", t1, 0.05), Pass("conversion", t1)], t1).State;
        var d = RolloutDecider.Evaluate(_policy, s, [Fail("error-rate", t2, 0.07), Pass("conversion", t2)], t2);

        d.State.Phase.ShouldBe(RolloutPhase.RolledBack);
        d.State.Weight.ShouldBe(0m);
        d.State.StageIndex.ShouldBe(0, "the stage it rolled back from is kept for the record");
        var t = d.Transitions.Single();
        (t.Trigger, t.FromWeight, t.ToWeight).ShouldBe((RolloutTrigger.Rollback, 1m, 0m));
        t.Reason.ShouldContain("error-rate");
        var notice = d.Notices.Single();
        notice.Severity.ShouldBe(NoticeSeverity.Critical);
        var breach = notice.Breaches.Single();
        breach.Measurement.Value.ShouldBe(0.07);
        breach.ConsecutiveFailures.ShouldBe(2);
        breach.FailureLimit.ShouldBe(2);
        breach.FailingSince.ShouldBe(t1);
        notice.NextStep.ShouldContain("rolloutctl resume new-checkout");
        notice.Measurements.Count.ShouldBe(2);
    }

    [Fact]
    public void A_pass_between_failures_resets_the_streak()
    {
        var s = Started();
        foreach (var (verdict, minute) in new[] { (Verdict.Fail, 1), (Verdict.Pass, 2), (Verdict.Fail, 3) })
        {
            var at = T0 + TimeSpan.FromMinutes(minute);
            s = RolloutDecider.Evaluate(_policy, s, [Of("error-rate", verdict, at), Pass("conversion", at)], at).State;
        }
        s.Phase.ShouldBe(RolloutPhase.Observing);
        s.StreakOf("error-rate").Failures.ShouldBe(1);
    }

    [Theory]
    [InlineData(nameof(Verdict.NoData))]
    [InlineData(nameof(Verdict.Error))]
    public void No_data_or_an_error_between_failures_does_not_reset_the_streak(string betweenName)
    {
        var between = Enum.Parse<Verdict>(betweenName);
        var s = Started();
        foreach (var (verdict, minute) in new[] { (Verdict.Fail, 1), (between, 2), (Verdict.Fail, 3) })
        {
            var at = T0 + TimeSpan.FromMinutes(minute);
            s = RolloutDecider.Evaluate(_policy, s, [Of("error-rate", verdict, at), Pass("conversion", at)], at).State;
        }
        s.Phase.ShouldBe(RolloutPhase.RolledBack);
    }

    [Fact]
    public void Consecutive_error_rounds_pause_at_the_limit_and_never_advance()
    {
        var s = Started();
        Decision d = Decision.Unchanged(s);
        for (var i = 1; i <= AnalysisSpec.DefaultConsecutiveErrorLimit; i++)
        {
            var at = T0 + TimeSpan.FromHours(24 + i);
            d = RolloutDecider.Evaluate(_policy, d.State, [Of("error-rate", Verdict.Error, at), Pass("conversion", at)], at);
            d.State.StageIndex.ShouldBe(0);
        }
        d.State.Phase.ShouldBe(RolloutPhase.Paused);
        d.State.PauseReason!.ShouldContain("failed 5 rounds in a row");
        d.Notices.Single().Kind.ShouldBe(NoticeKind.Paused);
        d.Notices.Single().Severity.ShouldBe(NoticeSeverity.Warning);
    }

    [Fact]
    public void Consecutive_no_data_rounds_pause_at_the_limit()
    {
        var policy = Default(noDataLimit: 3);
        var s = RolloutDecider.Start(policy, RolloutState.New("new-checkout", "new-checkout", "rev1", T0), T0).State;
        for (var i = 1; i <= 3; i++)
        {
            var at = T0 + TimeSpan.FromMinutes(i);
            s = RolloutDecider.Evaluate(policy, s, [Of("error-rate", Verdict.NoData, at), Pass("conversion", at)], at).State;
        }
        s.Phase.ShouldBe(RolloutPhase.Paused);
        s.PauseReason!.ShouldContain("no data 3 rounds");
    }

    [Fact]
    public void A_paused_rollout_is_still_measured_and_rolls_back_but_never_advances()
    {
        var paused = RolloutDecider.Apply(_policy, Started(), RolloutCommand.Pause, "alice", "investigating", T0).Decision!.State;
        var late = T0 + TimeSpan.FromDays(30);

        RolloutDecider.Evaluate(_policy, paused, AllPass(_policy, late), late).Changed.ShouldBeFalse();

        var s = RolloutDecider.Evaluate(_policy, paused, [Fail("error-rate", late), Pass("conversion", late)], late).State;
        s = RolloutDecider.Evaluate(_policy, s, [Fail("error-rate", late), Pass("conversion", late)], late).State;
        s.Phase.ShouldBe(RolloutPhase.RolledBack);
        s.Weight.ShouldBe(0m);
    }

    [Fact]
    public void Hold_time_does_not_count_while_paused_and_is_kept_on_resume()
    {
        var s = Started();
        var pausedAt = T0 + TimeSpan.FromHours(10);
        s = RolloutDecider.Apply(_policy, s, RolloutCommand.Pause, "alice", "freeze", pausedAt).Decision!.State;
        var resumedAt = pausedAt + TimeSpan.FromDays(3);
        s = RolloutDecider.Apply(_policy, s, RolloutCommand.Resume, "alice", "unfreeze", resumedAt).Decision!.State;

        s.HoldServedAt(resumedAt).ShouldBe(TimeSpan.FromHours(10));
        StageClock.HoldLeft(_policy, s, resumedAt + TimeSpan.FromHours(4)).ShouldBe(TimeSpan.FromHours(10));
        var due = resumedAt + TimeSpan.FromHours(14);
        RolloutDecider.Evaluate(_policy, s, AllPass(_policy, due), due).State.StageIndex.ShouldBe(1);
    }

    [Fact]
    public void Promote_ends_the_hold_but_still_needs_healthy_measurements()
    {
        var s = RolloutDecider.Apply(_policy, Started(), RolloutCommand.Promote, "alice", "business needs it", T0).Decision!.State;
        s.HoldWaived.ShouldBeTrue();
        StageClock.HoldLeft(_policy, s, T0).ShouldBe(TimeSpan.Zero);

        var at = T0 + TimeSpan.FromMinutes(1);
        RolloutDecider.Evaluate(_policy, s, [Of("error-rate", Verdict.NoData, at), Pass("conversion", at)], at).Changed.ShouldBeFalse();
        var d = RolloutDecider.Evaluate(_policy, s, AllPass(_policy, at), at);
        d.State.StageIndex.ShouldBe(1);
        d.State.HoldWaived.ShouldBeFalse("the waiver is for one stage only");
        d.Transitions.Single().Reason.ShouldContain("promote");
    }

    [Fact]
    public void The_last_stage_completes_at_its_weight()
    {
        var s = Started();
        var now = T0;
        foreach (var stage in _policy.Stages)
        {
            now += stage.Hold;
            s = RolloutDecider.Evaluate(_policy, s, AllPass(_policy, now), now).State;
        }
        s.Phase.ShouldBe(RolloutPhase.Completed);
        s.Weight.ShouldBe(100m);
        RolloutDecider.Evaluate(_policy, s, AllPass(_policy, now), now).Changed.ShouldBeFalse("a completed rollout is not measured");
    }

    [Fact]
    public void Abort_is_the_kill_switch_and_resume_restarts_from_the_first_stage()
    {
        var s = RolloutDecider.Evaluate(_policy, Started(), AllPass(_policy, T0 + TimeSpan.FromHours(24)), T0 + TimeSpan.FromHours(24)).State;
        var abort = RolloutDecider.Apply(_policy, s, RolloutCommand.Abort, "oncall", "incident 42", T0 + TimeSpan.FromHours(25)).Decision!;

        abort.State.Phase.ShouldBe(RolloutPhase.Aborted);
        abort.State.Weight.ShouldBe(0m);
        abort.Transitions.Single().Actor.ShouldBe("oncall");
        abort.Transitions.Single().Reason.ShouldBe("incident 42");
        abort.Notices.Single().Severity.ShouldBe(NoticeSeverity.Critical);

        var restart = RolloutDecider.Apply(_policy, abort.State, RolloutCommand.Resume, "oncall", "fixed", T0 + TimeSpan.FromHours(26)).Decision!;
        restart.Transitions.Single().Trigger.ShouldBe(RolloutTrigger.Restart);
        restart.State.Phase.ShouldBe(RolloutPhase.Observing);
        (restart.State.StageIndex, restart.State.Weight).ShouldBe((0, 1m));
    }

    [Theory]
    [InlineData(nameof(RolloutCommand.Pause))]
    [InlineData(nameof(RolloutCommand.Promote))]
    [InlineData(nameof(RolloutCommand.Abort))]
    [InlineData(nameof(RolloutCommand.Resume))]
    public void Commands_on_a_completed_rollout_are_refused_and_change_nothing(string commandName)
    {
        var command = Enum.Parse<RolloutCommand>(commandName);
        var completed = Started() with { Phase = RolloutPhase.Completed, Weight = 100m };
        var result = RolloutDecider.Apply(_policy, completed, command, "alice", "why", T0);
        result.Decision.ShouldBeNull();
        result.Error!.ShouldContain("Completed");
    }

    [Fact]
    public void Resume_of_an_observing_rollout_is_refused_with_what_is_allowed()
    {
        var result = RolloutDecider.Apply(_policy, Started(), RolloutCommand.Resume, "alice", "why", T0);
        result.Error!.ShouldBe("cannot resume a rollout that is Observing (possible now: pause, promote, abort)");
    }

    [Theory]
    [InlineData("", "reason")]
    [InlineData("alice", " ")]
    public void Commands_need_an_actor_and_a_reason(string actor, string reason) =>
        RolloutDecider.Apply(_policy, Started(), RolloutCommand.Pause, actor, reason, T0).Error.ShouldNotBeNull();

    [Fact]
    public void Pending_and_finished_rollouts_are_not_evaluated()
    {
        var pending = RolloutState.New("new-checkout", "new-checkout", "rev1", T0);
        RolloutDecider.Evaluate(_policy, pending, AllPass(_policy, T0), T0).ShouldBe(Decision.Unchanged(pending));
    }

    [Fact]
    public void A_round_is_due_first_and_then_every_quarter_interval_or_more()
    {
        var s = Started();
        RolloutDecider.RoundDue(_policy, s, T0).ShouldBeTrue("never measured");
        var measured = RolloutDecider.Evaluate(_policy, s, AllPass(_policy, T0 + TimeSpan.FromMinutes(1)), T0 + TimeSpan.FromMinutes(1)).State;

        RolloutDecider.RoundDue(_policy, measured, T0 + TimeSpan.FromSeconds(70)).ShouldBeFalse("back-to-back rounds would read the same data");
        RolloutDecider.RoundDue(_policy, measured, T0 + TimeSpan.FromSeconds(75)).ShouldBeTrue();
    }

    [Fact]
    public void A_round_whose_queries_used_their_whole_budget_does_not_make_the_next_round_skip()
    {
        // The round due at 1 min waited half the interval on a failing Prometheus, so it was recorded at 1 min 30 s.
        var measured = RolloutDecider.Evaluate(_policy, Started(), AllPass(_policy, T0 + TimeSpan.FromSeconds(90)), T0 + TimeSpan.FromSeconds(90)).State;

        RolloutDecider.RoundDue(_policy, measured, T0 + TimeSpan.FromMinutes(2)).ShouldBeTrue("the next round on the grid");
    }

    [Fact]
    public void The_gate_round_at_the_end_of_the_hold_is_due_even_right_after_an_interval_round()
    {
        var beforeGate = T0 + TimeSpan.FromHours(24) - TimeSpan.FromSeconds(5);
        var measured = RolloutDecider.Evaluate(_policy, Started(), AllPass(_policy, beforeGate), beforeGate).State;

        RolloutDecider.RoundDue(_policy, measured, T0 + TimeSpan.FromHours(24)).ShouldBeTrue();
        RolloutDecider.RoundDue(_policy, measured, beforeGate + TimeSpan.FromSeconds(2)).ShouldBeFalse();
    }

    [Fact]
    public void Restoring_after_downtime_keeps_the_hold_served_until_the_last_round_and_not_the_downtime()
    {
        var lastRound = T0 + TimeSpan.FromHours(10);
        var s = RolloutDecider.Evaluate(_policy, Started(), AllPass(_policy, lastRound), lastRound).State;
        var restartedAt = lastRound + TimeSpan.FromHours(12);

        var restored = RolloutDecider.Restore(s, restartedAt);

        restored.HoldServedAt(restartedAt).ShouldBe(TimeSpan.FromHours(10));
        StageClock.HoldLeft(_policy, restored, restartedAt + TimeSpan.FromHours(1)).ShouldBe(TimeSpan.FromHours(13));
        (restored.StageIndex, restored.Phase, restored.Weight).ShouldBe((s.StageIndex, s.Phase, s.Weight));
    }

    [Fact]
    public void Restoring_a_paused_or_finished_rollout_changes_nothing()
    {
        var paused = RolloutDecider.Apply(_policy, Started(), RolloutCommand.Pause, "alice", "freeze", T0 + TimeSpan.FromHours(1)).Decision!.State;
        RolloutDecider.Restore(paused, T0 + TimeSpan.FromDays(2)).ShouldBe(paused);
        var completed = Started() with { Phase = RolloutPhase.Completed, HoldCountingSince = null };
        RolloutDecider.Restore(completed, T0 + TimeSpan.FromDays(2)).ShouldBe(completed);
    }
}
