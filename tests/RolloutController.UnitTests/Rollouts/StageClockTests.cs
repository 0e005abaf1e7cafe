using RolloutController.Backtesting;
using RolloutController.Policies;
using RolloutController.Rollouts;
using static RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.UnitTests.Rollouts;

/// <summary>Hold served, hold left and the next round: one rule for the decider, the scheduler, the backtest and the API.</summary>
public sealed class StageClockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly RolloutPolicy Policy = Default(interval: TimeSpan.FromMinutes(10));
    private static readonly TimeSpan FirstHold = Policy.Stages[0].Hold;

    private static RolloutState Started() => RolloutDecider.Start(Policy, RolloutState.New("new-checkout", "new-checkout", "rev1", T0), T0).State;

    [Fact]
    public void The_hold_counts_down_while_observing_and_ends_where_the_gate_round_falls()
    {
        var state = Started();
        var now = T0 + FirstHold - TimeSpan.FromMinutes(3);

        StageClock.HoldLeft(Policy, state, now).ShouldBe(TimeSpan.FromMinutes(3));
        StageClock.HoldElapsed(Policy, state, now).ShouldBeFalse();
        StageClock.HoldEndsAt(Policy, state, now).ShouldBe(T0 + FirstHold);
        StageClock.HoldElapsed(Policy, state, T0 + FirstHold).ShouldBeTrue();
    }

    [Fact]
    public void A_paused_hold_does_not_count_down_and_has_no_end_to_wait_for()
    {
        var pausedAt = T0 + TimeSpan.FromHours(1);
        var paused = RolloutDecider.Apply(Policy, Started(), RolloutCommand.Pause, "ops", "look", pausedAt).Decision!.State;

        StageClock.HoldLeft(Policy, paused, pausedAt + TimeSpan.FromHours(5)).ShouldBe(FirstHold - TimeSpan.FromHours(1));
        StageClock.HoldEndsAt(Policy, paused, pausedAt + TimeSpan.FromHours(5)).ShouldBeNull();
    }

    [Fact]
    public void The_live_grid_and_a_replay_both_take_the_end_of_the_hold_as_the_next_round_when_it_comes_first()
    {
        var state = Started();
        var justBefore = T0 + FirstHold - TimeSpan.FromSeconds(1);
        RoundClock.FirstDueAt(Policy.Flag.Key, Policy.Analysis.Interval, justBefore).ShouldBeGreaterThan(T0 + FirstHold, "the grid's slot comes later");

        RoundClock.NextDueAt(Policy, state, justBefore).ShouldBe(T0 + FirstHold);
        var replay = new BacktestRange(T0, T0 + TimeSpan.FromDays(30), Policy.Analysis.Interval);
        BacktestSchedule.NextRound(Policy, replay, state, justBefore).ShouldBe(T0 + FirstHold);
    }

    [Fact]
    public void A_promoted_stage_has_no_hold_left()
    {
        var promoted = RolloutDecider.Apply(Policy, Started(), RolloutCommand.Promote, "ops", "ship it", T0 + TimeSpan.FromMinutes(5)).Decision!.State;

        StageClock.HoldLeft(Policy, promoted, T0 + TimeSpan.FromMinutes(6)).ShouldBe(TimeSpan.Zero);
        StageClock.HoldElapsed(Policy, promoted, T0 + TimeSpan.FromMinutes(6)).ShouldBeTrue();
    }
}
