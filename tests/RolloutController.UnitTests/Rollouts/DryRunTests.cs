using RolloutController.Policies;
using RolloutController.Rollouts;
using static RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.UnitTests.Rollouts;

/// <summary>A dry run decides on its real schedule and says so everywhere, and what is served never changes.</summary>
public sealed class DryRunTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly RolloutPolicy Policy = Default() with { Governance = GovernanceSpec.None with { Mode = RolloutMode.DryRun } };

    [Fact]
    public void The_whole_ramp_is_decided_and_recorded_while_nothing_of_it_is_served()
    {
        var decision = RolloutDecider.Start(Policy, RolloutState.New("new-checkout", "new-checkout", "rev1", T0), T0);
        var state = decision.State;
        var served = new List<decimal> { state.AsServed(Policy).ServedWeight };
        var now = T0;
        foreach (var stage in Policy.Stages)
        {
            now += stage.Hold;
            decision = RolloutDecider.Evaluate(Policy, state, AllPass(Policy, now), now);
            decision.Transitions.ShouldAllBe(t => t.Reason.StartsWith("dry run: "));
            decision.Notices.ShouldAllBe(n => n.Summary.StartsWith("[dry run] "));
            state = decision.State;
            served.Add(state.AsServed(Policy).ServedWeight);
        }

        state.Phase.ShouldBe(RolloutPhase.Completed);
        state.Weight.ShouldBe(100m);
        served.ShouldAllBe(w => w == 0m);
        state.AsServed(Policy).ExcludedSegments.ShouldBeEmpty();
    }

    [Fact]
    public void A_dry_run_rollback_is_told_as_one_and_pages_nobody()
    {
        var state = RolloutDecider.Start(Policy, RolloutState.New("new-checkout", "new-checkout", "rev1", T0), T0).State;
        state = RolloutDecider.Evaluate(Policy, state, [Fail("error-rate", T0), Pass("conversion", T0)], T0).State;
        var now = T0 + TimeSpan.FromMinutes(1);

        var rollback = RolloutDecider.Evaluate(Policy, state, [Fail("error-rate", now), Pass("conversion", now)], now);

        rollback.State.Phase.ShouldBe(RolloutPhase.RolledBack);
        var notice = rollback.Notices.Single();
        notice.Summary.ShouldStartWith("[dry run] ");
        notice.Action.ShouldStartWith("Dry run: what is served did not change. It would have done this: ");
        notice.Severity.ShouldBe(NoticeSeverity.Warning);
        notice.Transition.Reason.ShouldStartWith("dry run: error-rate: 0.2 is above max 0.01");
        IncidentRule.Of(notice.Kind, notice.Transition).ShouldBe(IncidentAction.None);
    }

    [Fact]
    public void A_live_rollout_is_served_as_decided()
    {
        var live = Default();
        var state = RolloutDecider.Start(live, RolloutState.New("new-checkout", "new-checkout", "rev1", T0), T0).State;

        state.AsServed(live).ShouldBeSameAs(state);
        state.AsServed(live).ServedWeight.ShouldBe(1m);
        state.AsServed(Policy).ServedWeight.ShouldBe(0m);
    }
}
