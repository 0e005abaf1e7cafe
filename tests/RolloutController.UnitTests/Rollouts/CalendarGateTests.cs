using RolloutController.Calendar;
using RolloutController.Policies;
using RolloutController.Rollouts;
using static RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.UnitTests.Rollouts;

/// <summary>The gate holds outside release windows, during freezes and before a scheduled start; moves toward safety never wait.</summary>
public sealed class CalendarGateTests
{
    // Thursday 2026-12-03 16:00 UTC (17:00 in Berlin): outside Mon-Thu 09:00-16:00 Europe/Berlin.
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 16, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.FindSystemTimeZoneById("UTC");
    private static readonly FreezePeriod YearEnd = new(new DateOnly(2026, 12, 20), new DateOnly(2027, 1, 4), "year-end freeze", Utc);

    private static RolloutPolicy WithGovernance(GovernanceSpec governance) => Default() with { Governance = governance };

    private static GovernanceSpec Windows(params string[] windows) =>
        GovernanceSpec.None with { Windows = windows.Select(w => ReleaseWindowParser.TryParse(w, out _)!).ToList() };

    private static RolloutState Started(RolloutPolicy policy, DateTimeOffset at) =>
        RolloutDecider.Start(policy with { Governance = GovernanceSpec.None }, RolloutState.New("new-checkout", "new-checkout", "rev1", at), at).State;

    [Fact]
    public void Outside_its_windows_a_rollout_holds_with_the_reason_and_advances_once_one_opens()
    {
        var policy = WithGovernance(Windows("Mon-Thu 09:00-16:00 Europe/Berlin"));
        var state = Started(policy, T0 - TimeSpan.FromHours(24));

        RolloutDecider.Evaluate(policy, state, AllPass(policy, T0), T0).Changed.ShouldBeFalse();
        AdvanceGate.Blocked(policy, state, AllPass(policy, T0), T0)
            .ShouldBe(["outside release windows (Mon-Thu 09:00-16:00 Europe/Berlin); next opens Mon 2026-12-07 09:00 Europe/Berlin (08:00 UTC)"]);

        var monday = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
        RolloutDecider.Evaluate(policy, state, AllPass(policy, monday), monday).Transitions.Single().Trigger.ShouldBe(RolloutTrigger.Advance);
    }

    [Fact]
    public void During_a_freeze_no_rollout_advances_and_the_reason_says_until_when()
    {
        var policy = Default();
        var now = new DateTimeOffset(2026, 12, 22, 10, 0, 0, TimeSpan.Zero);
        var state = Started(policy, now - TimeSpan.FromHours(25));

        RolloutDecider.Evaluate(policy, state, AllPass(policy, now), now, freezes: [YearEnd]).Changed.ShouldBeFalse();
        AdvanceGate.Blocked(policy, state, AllPass(policy, now), now, freezes: [YearEnd])
            .ShouldBe(["frozen: year-end freeze until Tue 2027-01-05 00:00 UTC"]);
        var after = new DateTimeOffset(2027, 1, 5, 0, 0, 0, TimeSpan.Zero);
        RolloutDecider.Evaluate(policy, state, AllPass(policy, after), after, freezes: [YearEnd]).Transitions.Single().Trigger
            .ShouldBe(RolloutTrigger.Advance);
    }

    [Fact]
    public void Rollbacks_and_the_kill_switch_act_during_a_freeze_and_outside_windows()
    {
        var policy = WithGovernance(Windows("Mon 09:00-10:00 UTC"));
        var now = new DateTimeOffset(2026, 12, 24, 3, 0, 0, TimeSpan.Zero);
        var state = Started(policy, now - TimeSpan.FromHours(1));
        state = RolloutDecider.Evaluate(policy, state, [Fail("error-rate", now), Pass("conversion", now)], now, freezes: [YearEnd]).State;

        var second = now + TimeSpan.FromMinutes(1);
        var rollback = RolloutDecider.Evaluate(policy, state, [Fail("error-rate", second), Pass("conversion", second)], second, freezes: [YearEnd]);
        rollback.State.Phase.ShouldBe(RolloutPhase.RolledBack);
        rollback.State.ServedWeight.ShouldBe(0m);

        RolloutDecider.Apply(policy, Started(policy, now), RolloutCommand.Abort, "alice", "INC-1", now).Decision!.State.Phase.ShouldBe(RolloutPhase.Aborted);
    }

    [Fact]
    public void A_promote_ends_the_hold_but_not_a_freeze()
    {
        var policy = Default();
        var now = new DateTimeOffset(2026, 12, 22, 10, 0, 0, TimeSpan.Zero);
        var promoted = RolloutDecider.Apply(policy, Started(policy, now), RolloutCommand.Promote, "alice", "sign-off", now).Decision!.State;

        RolloutDecider.Evaluate(policy, promoted, AllPass(policy, now), now, freezes: [YearEnd]).Changed.ShouldBeFalse();
    }

    [Fact]
    public void A_scheduled_rollout_stays_pending_until_its_time_and_says_so()
    {
        var at = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
        var policy = WithGovernance(GovernanceSpec.None with { StartAt = at });
        var pending = RolloutState.New("new-checkout", "new-checkout", "rev1", T0);

        RolloutDecider.Start(policy, pending, at - TimeSpan.FromSeconds(1)).Changed.ShouldBeFalse();
        AdvanceGate.Blocked(policy, pending, [], T0).ShouldBe(["scheduled for Mon 2026-12-07 08:00 UTC"]);

        var started = RolloutDecider.Start(policy, pending, at);
        started.State.Phase.ShouldBe(RolloutPhase.Observing);
        started.Transitions.Single().Reason.ShouldBe("scheduled start at Mon 2026-12-07 08:00 UTC (policy 'new-checkout')");
    }

    [Fact]
    public void A_rollout_does_not_start_during_a_freeze_or_outside_its_windows()
    {
        var policy = WithGovernance(Windows("Mon-Thu 09:00-16:00 Europe/Berlin"));
        var pending = RolloutState.New("new-checkout", "new-checkout", "rev1", T0);
        var frozen = new DateTimeOffset(2026, 12, 21, 9, 0, 0, TimeSpan.Zero);

        RolloutDecider.Start(policy, pending, T0).Changed.ShouldBeFalse();
        RolloutDecider.Start(policy, pending, frozen, [YearEnd]).Changed.ShouldBeFalse();
        AdvanceGate.Blocked(policy, pending, [], frozen, freezes: [YearEnd]).ShouldBe(["frozen: year-end freeze until Tue 2027-01-05 00:00 UTC"]);
        RolloutDecider.Start(policy, pending, frozen).State.Phase.ShouldBe(RolloutPhase.Observing);
    }
}
