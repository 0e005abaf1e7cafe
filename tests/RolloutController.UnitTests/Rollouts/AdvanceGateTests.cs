using RolloutController.Analysis;
using RolloutController.Policies;
using RolloutController.Rollouts;
using static RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.UnitTests.Rollouts;

public sealed class AdvanceGateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly RolloutPolicy _policy = Default();

    private RolloutState Started() =>
        RolloutDecider.Start(_policy, RolloutState.New("new-checkout", "new-checkout", "rev1", T0), T0).State;

    [Fact]
    public void Names_the_hold_left_and_every_guardrail_without_a_pass()
    {
        var now = T0 + TimeSpan.FromHours(24) - TimeSpan.FromMinutes(192);

        AdvanceGate.Blocked(_policy, Started(), [Of("error-rate", Verdict.NoData, now), Pass("conversion", now)], now)
            .ShouldBe(["hold 3h12m left", "error-rate: no data"]);
    }

    [Fact]
    public void Names_guardrails_not_measured_failing_erroring_or_inconclusive()
    {
        var now = T0 + TimeSpan.FromHours(25);

        AdvanceGate.Blocked(_policy, Started(), [], now).ShouldBe(["error-rate: not measured yet at this stage", "conversion: not measured yet at this stage"]);
        AdvanceGate.Blocked(_policy, Started(), [Fail("error-rate", now), Of("conversion", Verdict.Error, now)], now)
            .ShouldBe(["error-rate: failing", "conversion: query error"]);
        AdvanceGate.Blocked(_policy, Started(), [Pass("error-rate", now), Of("conversion", Verdict.Inconclusive, now)], now)
            .ShouldBe(["conversion: inconclusive (not enough data yet)"]);
    }

    [Fact]
    public void Nothing_blocks_when_the_gate_is_open_and_the_decider_advances_then()
    {
        var now = T0 + TimeSpan.FromHours(24);

        AdvanceGate.Blocked(_policy, Started(), AllPass(_policy, now), now).ShouldBeEmpty();
        RolloutDecider.Evaluate(_policy, Started(), AllPass(_policy, now), now).Transitions.Single().Trigger.ShouldBe(RolloutTrigger.Advance);
    }

    [Fact]
    public void A_paused_rollout_names_its_pause_and_finished_or_stopped_ones_name_nothing()
    {
        var now = T0 + TimeSpan.FromHours(1);
        var paused = RolloutDecider.Apply(_policy, Started(), RolloutCommand.Pause, "alice", "waiting for payments", now).Decision!.State;
        var aborted = RolloutDecider.Apply(_policy, Started(), RolloutCommand.Abort, "alice", "kill", now).Decision!.State;

        AdvanceGate.Blocked(_policy, paused, [], now).ShouldBe(["paused: waiting for payments"]);
        AdvanceGate.Blocked(_policy, aborted, [], now).ShouldBeEmpty();
        AdvanceGate.Blocked(_policy, RolloutState.New("new-checkout", "new-checkout", "rev1", T0), [], now).ShouldBeEmpty();
    }

    [Fact]
    public void The_hold_left_is_rounded_up_to_the_second_and_shows_its_two_largest_units()
    {
        var now = T0 + TimeSpan.FromHours(24) - TimeSpan.FromSeconds(44.2);

        AdvanceGate.Blocked(_policy, Started(), AllPass(_policy, now), now).ShouldBe(["hold 45s left"]);
    }
}
