using RolloutController.Calendar;
using RolloutController.Policies;
using RolloutController.Rollouts;
using static RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.UnitTests.Rollouts;

/// <summary>
/// A release manager's freeze override lets one policy's rollout advance through the controller-wide freeze, with a
/// reason, until the policy changes; windows still hold; rollbacks and the kill switch act with or without it.
/// </summary>
public sealed class FreezeOverrideTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.FindSystemTimeZoneById("UTC");
    private static readonly FreezePeriod YearEnd = new(new DateOnly(2026, 12, 20), new DateOnly(2027, 1, 4), "year-end freeze", Utc);
    private static readonly IReadOnlyList<FreezePeriod> Freezes = [YearEnd];

    // Tuesday 2026-12-22 10:00 UTC, in the freeze.
    private static readonly DateTimeOffset Now = new(2026, 12, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly RolloutPolicy Policy = Default();

    private static RolloutState Started(RolloutPolicy policy) =>
        RolloutDecider.Start(policy, RolloutState.New("new-checkout", "new-checkout", policy.Revision, Now - TimeSpan.FromHours(25)),
            Now - TimeSpan.FromHours(25)).State;

    private static CommandResult Override(RolloutPolicy policy, RolloutState state, IReadOnlyList<FreezePeriod>? freezes = null) =>
        RolloutDecider.Apply(policy, state, RolloutCommand.OverrideFreeze, "alice", "payments fix INC-4211 must ship", Now, freezes: freezes ?? Freezes);

    [Fact]
    public void An_override_lets_the_rollout_advance_during_the_freeze_and_is_recorded_with_its_reason()
    {
        var state = Started(Policy);
        RolloutDecider.Evaluate(Policy, state, AllPass(Policy, Now), Now, freezes: Freezes).Changed.ShouldBeFalse();

        var result = Override(Policy, state);

        var decision = result.Decision.ShouldNotBeNull();
        var t = decision.Transitions.ShouldHaveSingleItem();
        (t.Trigger, t.From, t.To, t.Actor, t.Reason).ShouldBe(
            (RolloutTrigger.OverrideFreeze, RolloutPhase.Observing, RolloutPhase.Observing, "alice", "payments fix INC-4211 must ship"));
        decision.State.FreezeOverride.ShouldBe(new FreezeOverride("alice", "payments fix INC-4211 must ship", Policy.Revision, Now));
        decision.State.Weight.ShouldBe(state.Weight);
        AdvanceGate.Blocked(Policy, decision.State, AllPass(Policy, Now), Now, freezes: Freezes).ShouldBeEmpty();
        RolloutDecider.Evaluate(Policy, decision.State, AllPass(Policy, Now), Now, freezes: Freezes).Transitions.Single().Trigger
            .ShouldBe(RolloutTrigger.Advance);
    }

    [Fact]
    public void A_changed_policy_is_frozen_again_until_overridden_again()
    {
        var overridden = Override(Policy, Started(Policy)).Decision!.State;
        var changed = Policy with { Revision = "rev-2" };

        FreezeOverrideRule.InForce(changed, overridden).ShouldBeFalse();
        RolloutDecider.Evaluate(changed, overridden, AllPass(changed, Now), Now, freezes: Freezes).Changed.ShouldBeFalse();
        AdvanceGate.Blocked(changed, overridden, AllPass(changed, Now), Now, freezes: Freezes).ShouldBe(["frozen: year-end freeze until Tue 2027-01-05 00:00 UTC"]);
        Override(changed, overridden).Decision.ShouldNotBeNull();
    }

    [Fact]
    public void It_lifts_the_freeze_only_release_windows_still_hold()
    {
        var windowed = Policy with
        {
            Governance = GovernanceSpec.None with { Windows = [ReleaseWindowParser.TryParse("Mon 09:00-10:00 UTC", out _)!] },
        };
        var overridden = Override(windowed, Started(windowed)).Decision!.State;

        AdvanceGate.Blocked(windowed, overridden, AllPass(windowed, Now), Now, freezes: Freezes).Single().ShouldStartWith("outside release windows");
        RolloutDecider.Evaluate(windowed, overridden, AllPass(windowed, Now), Now, freezes: Freezes).Changed.ShouldBeFalse();
    }

    [Fact]
    public void A_scheduled_start_during_the_freeze_starts_once_overridden()
    {
        var pending = RolloutState.New("new-checkout", "new-checkout", Policy.Revision, Now);
        RolloutDecider.Start(Policy, pending, Now, Freezes).Changed.ShouldBeFalse();

        var overridden = Override(Policy, pending).Decision!.State;

        overridden.Phase.ShouldBe(RolloutPhase.Pending);
        RolloutDecider.Start(Policy, overridden, Now, Freezes).State.Phase.ShouldBe(RolloutPhase.Observing);
    }

    [Fact]
    public void Refused_without_a_freeze_to_override_once_given_and_on_a_finished_rollout()
    {
        var state = Started(Policy);
        var overridden = Override(Policy, state).Decision!.State;
        var aborted = RolloutDecider.Apply(Policy, state, RolloutCommand.Abort, "bob", "INC", Now).Decision!.State;

        Override(Policy, state, []).Error.ShouldBe("nothing to override: no release freeze is in force or ahead (RolloutController:ReleaseCalendar:Freezes)");
        var past = new FreezePeriod(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2), "past", Utc);
        Override(Policy, state, [past]).Error!.ShouldStartWith("nothing to override");
        Override(Policy, overridden).Error.ShouldBe(
            "the freeze is already overridden for this revision of 'new-checkout' by 'alice' at 2026-12-22 10:00Z: payments fix INC-4211 must ship");
        Override(Policy, aborted).Error.ShouldBe("nothing to override: the rollout is Aborted");
        RolloutDecider.Apply(Policy, state, RolloutCommand.OverrideFreeze, "alice", " ", Now, freezes: Freezes).Error.ShouldBe("a reason is required");
    }

    [Fact]
    public void A_rollback_and_the_kill_switch_act_during_the_freeze_without_any_override()
    {
        var state = Started(Policy);

        var once = RolloutDecider.Evaluate(Policy, state, [Fail("error-rate", Now), Pass("conversion", Now)], Now, freezes: Freezes).State;
        var second = Now + TimeSpan.FromMinutes(1);
        var rolledBack = RolloutDecider.Evaluate(Policy, once, [Fail("error-rate", second), Pass("conversion", second)], second, freezes: Freezes);
        rolledBack.State.Phase.ShouldBe(RolloutPhase.RolledBack);
        rolledBack.State.ServedWeight.ShouldBe(0m);
        var aborted = RolloutDecider.Apply(Policy, state, RolloutCommand.Abort, "bob", "INC-1", Now, freezes: Freezes).Decision!;
        (aborted.State.Phase, aborted.State.Weight).ShouldBe((RolloutPhase.Aborted, 0m));
        SafetyRule.IsAwayFromSafety(RolloutTrigger.OverrideFreeze).ShouldBeTrue();
    }
}
