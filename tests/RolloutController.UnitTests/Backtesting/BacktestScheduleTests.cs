using RolloutController.Backtesting;
using RolloutController.Policies;
using RolloutController.Rollouts;
using Builders = RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.UnitTests.Backtesting;

public sealed class BacktestScheduleTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly RolloutPolicy Policy = Builders.Default(stages: [new(1m, TimeSpan.FromMinutes(12)), new(100m, TimeSpan.FromHours(1))]);
    private static readonly BacktestRange Range = new(From, From.AddHours(1), TimeSpan.FromMinutes(5));

    private static RolloutState Started() =>
        RolloutDecider.Start(Policy, RolloutState.New("new-checkout", "new-checkout", "rev1", From), From).State;

    [Fact]
    public void Rounds_follow_the_interval_grid_from_the_start()
    {
        var state = Started() with { HoldWaived = true };

        BacktestSchedule.NextRound(Policy, Range, state, From).ShouldBe(From.AddMinutes(5));
        BacktestSchedule.NextRound(Policy, Range, state, From.AddMinutes(5)).ShouldBe(From.AddMinutes(10));
    }

    [Fact]
    public void A_hold_ending_between_two_rounds_gets_its_own_round_then_the_grid_resumes()
    {
        var state = Started();

        BacktestSchedule.NextRound(Policy, Range, state, From.AddMinutes(10)).ShouldBe(From.AddMinutes(12));
        BacktestSchedule.NextRound(Policy, Range, state, From.AddMinutes(12)).ShouldBe(From.AddMinutes(15));
    }

    [Fact]
    public void A_paused_rollout_has_no_hold_end_round()
    {
        var paused = Started() with { Phase = RolloutPhase.Paused, HoldServed = TimeSpan.FromMinutes(10), HoldCountingSince = null };

        BacktestSchedule.NextRound(Policy, Range, paused, From.AddMinutes(10)).ShouldBe(From.AddMinutes(15));
    }

    [Fact]
    public void Nothing_after_the_end_of_the_range()
    {
        var state = Started() with { HoldWaived = true };

        BacktestSchedule.NextRound(Policy, Range, state, From.AddMinutes(55)).ShouldBe(From.AddHours(1));
        BacktestSchedule.NextRound(Policy, Range, state, From.AddHours(1)).ShouldBeNull();
        BacktestSchedule.NextRound(Policy, Range with { To = From.AddMinutes(11) }, Started(), From.AddMinutes(10)).ShouldBeNull();
    }
}
