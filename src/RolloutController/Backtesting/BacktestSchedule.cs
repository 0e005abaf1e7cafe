using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Backtesting;

/// <summary>
/// When the next round of a replay happens, following the live scheduler: a round every interval from the start, plus
/// one at the exact end of a stage's hold when that comes before the next interval round (<see cref="StageClock"/>, as live). Pure.
/// </summary>
internal static class BacktestSchedule
{
    /// <summary>The round after the one at <paramref name="last"/>, or null when it would fall after <see cref="BacktestRange.To"/>.</summary>
    public static DateTimeOffset? NextRound(RolloutPolicy policy, BacktestRange range, RolloutState state, DateTimeOffset last)
    {
        var next = range.RoundAt((last - range.From).Ticks / range.Interval.Ticks + 1);
        next = StageClock.NextRound(policy, state, last, next);
        return next <= range.To ? next : null;
    }
}
