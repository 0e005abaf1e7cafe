using RolloutController.Flags.Platforms;
using RolloutController.Rollouts;

namespace RolloutController.UnitTests.Flags.Platforms;

public sealed class PlatformTargetTests
{
    private static RolloutState At(RolloutPhase phase, decimal weight) => new()
    {
        FlagKey = "checkout",
        PolicyName = "checkout",
        Phase = phase,
        StageIndex = 1,
        Weight = weight,
    };

    [Fact]
    public void A_rollout_is_on_at_its_served_weight() =>
        PlatformTarget.Of(At(RolloutPhase.Observing, 10)).ShouldBe(new PlatformFlagState(true, true, 10m, []), new StateComparer());

    [Fact]
    public void A_rollback_is_off() =>
        PlatformTarget.Of(At(RolloutPhase.RolledBack, 0)).ServedWeight.ShouldBe(0m);

    [Fact]
    public void The_kill_switch_turns_the_flag_off_whatever_the_rollout_serves_and_keeps_its_weight_for_switching_on()
    {
        var paused = At(RolloutPhase.Paused, 10);

        var off = PlatformTarget.Of(paused, switchedOff: true);
        off.Enabled.ShouldBeFalse();
        off.ServedWeight.ShouldBe(0m);
        off.Weight.ShouldBe(10m, "the rule keeps the rollout's weight");

        var on = PlatformTarget.Of(paused, switchedOff: false);
        on.ServedWeight.ShouldBe(10m, "switched on, the flag serves what the rollout serves");
        // Off to on is one change the controller writes over what it confirmed: never mistaken for drift.
        PlatformSyncRule.Decide(on, off, off, driftUnresolved: false).ShouldBe(PlatformSyncStep.Write);
    }

    private sealed class StateComparer : IEqualityComparer<PlatformFlagState>
    {
        public bool Equals(PlatformFlagState? x, PlatformFlagState? y) => x is not null && y is not null && x.Matches(y);

        public int GetHashCode(PlatformFlagState obj) => obj.ServedWeight.GetHashCode();
    }
}
