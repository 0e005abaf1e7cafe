using RolloutController.Policies;

namespace RolloutController.Rollouts;

/// <summary>
/// Where a rollout stands in its stage's hold, and when its next round is due. Pure: the decider's gate, the scheduler's
/// gate trigger, the round grid, the backtest's replay and the API views all ask here, so none of them can disagree
/// about when a stage may advance.
/// </summary>
/// <remarks>
/// Hold time counts only while the rollout is observing and watched (<see cref="RolloutState.HoldServedAt"/>): a pause or
/// controller downtime does not bring a stage closer to advancing. Promote waives the rest of the hold.
/// </remarks>
internal static class StageClock
{
    /// <summary>Whether the current stage's hold has been served (or waived by promote).</summary>
    public static bool HoldElapsed(RolloutPolicy policy, RolloutState state, DateTimeOffset now) =>
        state.HoldWaived || state.HoldServedAt(now) >= Hold(policy, state);

    /// <summary>Hold still to serve in the current stage; zero when served, waived or before the first stage.</summary>
    public static TimeSpan HoldLeft(RolloutPolicy policy, RolloutState state, DateTimeOffset now)
    {
        if (state.StageIndex < 0 || state.HoldWaived) return TimeSpan.Zero;
        var left = Hold(policy, state) - state.HoldServedAt(now);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>
    /// When the hold ends if the rollout keeps observing; null when nothing is left to serve or the rollout is not
    /// observing (a paused rollout never advances, so its hold has no end to wait for).
    /// </summary>
    public static DateTimeOffset? HoldEndsAt(RolloutPolicy policy, RolloutState state, DateTimeOffset now)
    {
        if (state.Phase != RolloutPhase.Observing) return null;
        var left = HoldLeft(policy, state, now);
        return left > TimeSpan.Zero ? now + left : null;
    }

    /// <summary>
    /// The round after <paramref name="now"/>: the rollout's next interval round, or the end of the hold when that comes
    /// first (the gate round), so a stage advances when its hold ends rather than up to an interval later.
    /// </summary>
    /// <param name="nextIntervalRound">The next round of the interval grid: the live grid (<see cref="RoundClock"/>) or a replay's.</param>
    public static DateTimeOffset NextRound(RolloutPolicy policy, RolloutState state, DateTimeOffset now, DateTimeOffset nextIntervalRound) =>
        HoldEndsAt(policy, state, now) is { } end && end < nextIntervalRound ? end : nextIntervalRound;

    /// <summary>The current stage's spec (the first before any stage, the last after the end).</summary>
    public static StageSpec CurrentStage(RolloutPolicy policy, RolloutState state) =>
        policy.Stages[Math.Clamp(state.StageIndex, 0, policy.Stages.Count - 1)];

    private static TimeSpan Hold(RolloutPolicy policy, RolloutState state) => CurrentStage(policy, state).Hold;
}
