using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Backtesting;

/// <summary>
/// When the next round of a replay happens, following the live scheduler: a round every interval from the start, plus
/// one at the exact end of a stage's hold when that comes before the next interval round. Pure.
/// </summary>
internal static class BacktestSchedule
{
    /// <summary>The round after the one at <paramref name="last"/>, or null when it would fall after <see cref="BacktestRange.To"/>.</summary>
    public static DateTimeOffset? NextRound(RolloutPolicy policy, BacktestRange range, RolloutState state, DateTimeOffset last)
    {
        var next = range.RoundAt((last - range.From).Ticks / range.Interval.Ticks + 1);
        if (HoldEnd(policy, state, last) is { } gate && gate > last && gate < next) next = gate;
        return next <= range.To ? next : null;
    }

    // Only an observing rollout waits for its hold; a paused one never advances, so it has no gate.
    private static DateTimeOffset? HoldEnd(RolloutPolicy policy, RolloutState state, DateTimeOffset at)
    {
        if (state.Phase != RolloutPhase.Observing || state.HoldWaived) return null;
        if (state.StageIndex < 0 || state.StageIndex >= policy.Stages.Count) return null;
        var remaining = policy.Stages[state.StageIndex].Hold - state.HoldServedAt(at);
        return remaining > TimeSpan.Zero ? at + remaining : null;
    }
}
