using RolloutController.Policies;
using RolloutController.Rollouts;
using static RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.UnitTests.Rollouts;

/// <summary>Approvals before stages and manual gates: who may approve, when the rollout moves on, and what never waits.</summary>
public sealed class ApprovalTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] ReleaseManager = ["viewer", "operator", "release-manager"];

    // 1% 1h → (2 approvals) 50% 1h → 100% until approved.
    private static readonly RolloutPolicy Policy = Default(stages:
        [new StageSpec(1m, TimeSpan.FromHours(1)), new StageSpec(50m, TimeSpan.FromHours(1)), new StageSpec(100m, TimeSpan.Zero) { ManualGate = true }])
        with { Governance = GovernanceSpec.None with { Approvals = new ApprovalSpec([50m], 2, ["release-manager", "team-payments"]) } };

    private static RolloutState Started() => RolloutDecider.Start(Policy, RolloutState.New("new-checkout", "new-checkout", "rev1", T0), T0).State;

    private static RolloutState Approve(RolloutState state, string actor, DateTimeOffset at, IReadOnlyCollection<string>? memberships = null) =>
        RolloutDecider.Apply(Policy, state, RolloutCommand.Approve, actor, "looked at the dashboards", at, memberships ?? ReleaseManager).Decision!.State;

    [Fact]
    public void A_stage_ready_but_for_its_approvals_holds_asks_its_approvers_once_and_moves_on_when_two_people_approve()
    {
        var now = T0 + TimeSpan.FromHours(1);
        var first = RolloutDecider.Evaluate(Policy, Started(), AllPass(Policy, now), now);

        first.State.StageIndex.ShouldBe(0);
        var notice = first.Notices.ShouldHaveSingleItem();
        notice.Kind.ShouldBe(NoticeKind.ApprovalNeeded);
        notice.Severity.ShouldBe(NoticeSeverity.Warning);
        notice.Summary.ShouldBe("'new-checkout' at 1% waits for approval to go to 50%");
        notice.NextStep.ShouldContain("rolloutctl approve new-checkout --reason");
        notice.Measurements.Count.ShouldBe(2);
        AdvanceGate.Blocked(Policy, first.State, AllPass(Policy, now), now).ShouldBe(
            ["waiting for approval to go to 50%: 0 of 2 given; rolloutctl approve new-checkout --reason \"<why>\" (or POST /api/v1/rollouts/new-checkout/approve)"]);

        var later = now + TimeSpan.FromMinutes(1);
        RolloutDecider.Evaluate(Policy, first.State, AllPass(Policy, later), later).Notices.ShouldBeEmpty();

        var one = Approve(first.State, "alice", later);
        RolloutDecider.Evaluate(Policy, one, AllPass(Policy, later), later).Transitions.ShouldAllBe(t => t.Trigger != RolloutTrigger.Advance);
        AdvanceGate.Blocked(Policy, one, AllPass(Policy, later), later).Single().ShouldStartWith("waiting for approval to go to 50%: 1 of 2 given (alice); ");
        var two = Approve(one, "bob", later);
        var advanced = RolloutDecider.Evaluate(Policy, two, AllPass(Policy, later), later);
        advanced.Transitions.Single().Trigger.ShouldBe(RolloutTrigger.Advance);
        advanced.State.Weight.ShouldBe(50m);
        advanced.State.Approvals.ShouldBeEmpty();
    }

    [Fact]
    public void Approvals_come_from_distinct_people_of_the_listed_roles_or_teams_never_from_whoever_resumed()
    {
        var now = T0 + TimeSpan.FromMinutes(5);
        var paused = RolloutDecider.Apply(Policy, Started(), RolloutCommand.Pause, "carol", "lunch", now).Decision!.State;
        var resumed = RolloutDecider.Apply(Policy, paused, RolloutCommand.Resume, "carol", "back", now).Decision!.State;
        var one = Approve(resumed, "alice", now);

        Refusal(one, "alice", ReleaseManager).ShouldBe("'alice' has approved this stage already: approvals must come from 2 distinct people");
        Refusal(one, "carol", ReleaseManager).ShouldBe("'carol' started or last resumed this rollout and may not approve it: another person must");
        Refusal(one, "dave", ["viewer", "operator", "team-search"]).ShouldBe(
            "approvals of 'new-checkout' come from release-manager, team-payments; 'dave' holds none of them");
        Refusal(one, "erin", ["viewer", "operator", "team-payments"]).ShouldBeNull();
    }

    [Fact]
    public void A_changed_policy_needs_approving_again()
    {
        var now = T0 + TimeSpan.FromHours(1);
        var approved = Approve(Approve(Started(), "alice", now), "bob", now);
        var changed = Policy with { Revision = "rev2" };

        ApprovalRule.Given(changed, approved).ShouldBeEmpty();
        RolloutDecider.Evaluate(changed, approved, AllPass(changed, now), now).State.StageIndex.ShouldBe(0);
        RolloutDecider.Evaluate(Policy, approved, AllPass(Policy, now), now).State.StageIndex.ShouldBe(1);
    }

    [Fact]
    public void A_rollback_never_waits_for_approval()
    {
        var now = T0 + TimeSpan.FromHours(1);
        var waiting = RolloutDecider.Evaluate(Policy, Started(), [Fail("error-rate", now), Pass("conversion", now)], now).State;
        var next = now + TimeSpan.FromMinutes(1);

        var decision = RolloutDecider.Evaluate(Policy, waiting, [Fail("error-rate", next), Pass("conversion", next)], next);

        decision.State.Phase.ShouldBe(RolloutPhase.RolledBack);
        decision.State.ServedWeight.ShouldBe(0m);
    }

    [Fact]
    public void A_manual_gate_has_no_timer_and_completes_once_one_person_approves()
    {
        var at50 = T0 + TimeSpan.FromHours(1);
        var state = Approve(Approve(Started(), "alice", at50), "bob", at50);
        state = RolloutDecider.Evaluate(Policy, state, AllPass(Policy, at50), at50).State;
        var at100 = at50 + TimeSpan.FromHours(1);
        state = RolloutDecider.Evaluate(Policy, state, AllPass(Policy, at100), at100).State;
        state.Weight.ShouldBe(100m);

        var week = at100 + TimeSpan.FromDays(7);
        var held = RolloutDecider.Evaluate(Policy, state, AllPass(Policy, week), week);
        held.State.Phase.ShouldBe(RolloutPhase.Observing);
        held.Notices.Single().Summary.ShouldBe("'new-checkout' at 100% waits for approval to complete");

        var done = RolloutDecider.Evaluate(Policy, Approve(held.State, "alice", week), AllPass(Policy, week), week);
        done.State.Phase.ShouldBe(RolloutPhase.Completed);
    }

    [Fact]
    public void Nothing_to_approve_is_refused_and_approving_is_recorded_with_who_and_why()
    {
        var now = T0 + TimeSpan.FromMinutes(1);
        var plain = Default();
        var started = RolloutDecider.Start(plain, RolloutState.New("new-checkout", "new-checkout", "rev1", T0), T0).State;

        RolloutDecider.Apply(plain, started, RolloutCommand.Approve, "alice", "ok", now, ReleaseManager).Error
            .ShouldBe("nothing to approve: stage 1 of 'new-checkout' needs no approval to go to 10%");
        var approved = RolloutDecider.Apply(Policy, Started(), RolloutCommand.Approve, "alice", "dashboards green", now, ReleaseManager).Decision!;
        var t = approved.Transitions.Single();
        (t.Trigger, t.Actor, t.Reason).ShouldBe((RolloutTrigger.Approve, "alice", "dashboards green"));
    }

    private static string? Refusal(RolloutState state, string actor, IReadOnlyCollection<string> memberships) =>
        RolloutDecider.Apply(Policy, state, RolloutCommand.Approve, actor, "ok", state.UpdatedAt, memberships).Error;
}
