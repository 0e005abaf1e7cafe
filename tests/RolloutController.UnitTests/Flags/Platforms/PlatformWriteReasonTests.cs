using RolloutController.Flags;
using RolloutController.Flags.Platforms;
using RolloutController.Rollouts;
using PolicyBuilder = RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.UnitTests.Flags.Platforms;

public sealed class PlatformWriteReasonTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static readonly RolloutController.Policies.RolloutPolicy Policy = PolicyBuilder.Default();

    private static RolloutState At(RolloutPhase phase, int stage, decimal weight) => new()
    {
        FlagKey = "new-checkout",
        PolicyName = "new-checkout",
        Phase = phase,
        StageIndex = stage,
        Weight = weight,
    };

    private static Transition Move(RolloutTrigger trigger, RolloutState from, RolloutState to, string reason, string actor = RolloutDecider.ControllerActor) =>
        new("new-checkout", trigger, from.Phase, to.Phase, from.StageIndex, to.StageIndex, from.Weight, to.Weight, actor, reason, Now);

    [Fact]
    public void An_advance_names_the_stage_the_weight_and_why()
    {
        var from = At(RolloutPhase.Observing, 0, 1);
        var to = At(RolloutPhase.Observing, 1, 10);

        PlatformWriteReason.Of(Policy, to, [Move(RolloutTrigger.Advance, from, to, "held 24h; every guardrail passed")], null)
            .ShouldBe("stage 2 of new-checkout: 10% (held 24h; every guardrail passed)");
    }

    [Fact]
    public void A_rollback_names_the_guardrail_that_tripped()
    {
        var from = At(RolloutPhase.Observing, 1, 10);
        var to = At(RolloutPhase.RolledBack, 1, 0);
        var warn = Move(RolloutTrigger.Warn, from, from, "round limit");

        PlatformWriteReason.Of(Policy, to, [warn, Move(RolloutTrigger.Rollback, from, to, "error-rate 0.031 > max 0.02")], null)
            .ShouldBe("rollback of new-checkout to 0%: error-rate 0.031 > max 0.02");
    }

    [Fact]
    public void A_person_s_move_names_the_person()
    {
        var from = At(RolloutPhase.Observing, 1, 10);
        var to = At(RolloutPhase.Aborted, 1, 0);

        PlatformWriteReason.Of(Policy, to, [Move(RolloutTrigger.Abort, from, to, "bad deploy", "alice")], null)
            .ShouldBe("abort of new-checkout to 0% by alice: bad deploy");
    }

    [Fact]
    public void The_kill_switch_off_names_who_and_why_whatever_the_rollout_did()
    {
        var state = At(RolloutPhase.Paused, 1, 10);
        var off = new FlagSwitch("new-checkout", true, "alice", "payments down", Now, 1);

        PlatformWriteReason.Of(Policy, state, null, off).ShouldBe("kill switch off by alice: payments down");
    }

    [Fact]
    public void Switched_on_again_it_names_the_switch_and_what_is_served()
    {
        var on = new FlagSwitch("new-checkout", false, "bob", "fixed", Now, 2);

        PlatformWriteReason.Of(Policy, At(RolloutPhase.Paused, 1, 10), null, on)
            .ShouldBe("kill switch on by bob: fixed; stage 2 of new-checkout: 10% (paused)");
    }

    [Fact]
    public void Transitions_of_another_state_are_not_taken_as_the_reason()
    {
        var from = At(RolloutPhase.Observing, 0, 1);
        var advanced = At(RolloutPhase.Observing, 1, 10);
        var later = At(RolloutPhase.Observing, 2, 50);

        PlatformWriteReason.Of(Policy, later, [Move(RolloutTrigger.Advance, from, advanced, "held 1h")], null)
            .ShouldBe("stage 3 of new-checkout: 50%");
    }

    [Fact]
    public void A_long_reason_is_cut_to_the_limit()
    {
        var from = At(RolloutPhase.Observing, 1, 10);
        var to = At(RolloutPhase.RolledBack, 1, 0);

        var reason = PlatformWriteReason.Of(Policy, to, [Move(RolloutTrigger.Rollback, from, to, new string('x', 2000))], null);

        reason.Length.ShouldBe(PlatformWriteReason.MaxLength);
        reason.ShouldEndWith("…");
    }
}
