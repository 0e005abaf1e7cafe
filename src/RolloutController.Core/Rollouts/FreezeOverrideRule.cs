using RolloutController.Calendar;
using RolloutController.Policies;

namespace RolloutController.Rollouts;

/// <summary>
/// When a rollout may advance through a controller-wide freeze: a release manager overrode the freeze for its policy,
/// with a reason, and the policy has not changed since (the override counts for the revision it was given for). The
/// override lifts the freezes only: release windows, guardrails, holds and approvals still hold. Moves toward safety
/// (rollback, abort, pause, the kill switch) never ask the calendar at all. Pure.
/// </summary>
internal static class FreezeOverrideRule
{
    /// <summary>Whether the rollout's freeze override counts for the policy in force.</summary>
    public static bool InForce(RolloutPolicy policy, RolloutState state) =>
        state.FreezeOverride is { } granted && string.Equals(granted.Revision, policy.Revision, StringComparison.Ordinal);

    /// <summary>The freezes that hold this rollout: none while its override is in force, else <paramref name="freezes"/>.</summary>
    public static IReadOnlyList<FreezePeriod>? Effective(RolloutPolicy policy, RolloutState state, IReadOnlyList<FreezePeriod>? freezes) =>
        InForce(policy, state) ? null : freezes;

    /// <summary>Why the freeze may not be overridden for the rollout now; null when it may.</summary>
    /// <param name="freezes">The controller-wide freeze calendar; an override needs one in force or ahead.</param>
    public static string? Refusal(RolloutPolicy policy, RolloutState state, IReadOnlyList<FreezePeriod>? freezes, DateTimeOffset now)
    {
        if (state.Phase is not (RolloutPhase.Pending or RolloutPhase.Observing or RolloutPhase.Paused))
            return $"nothing to override: the rollout is {state.Phase}";
        if (freezes is null || !freezes.Any(f => f.Ends > now))
            return "nothing to override: no release freeze is in force or ahead (RolloutController:ReleaseCalendar:Freezes)";
        if (InForce(policy, state))
            return $"the freeze is already overridden for this revision of '{policy.Metadata.Name}' by '{state.FreezeOverride!.Actor}' " +
                   $"at {state.FreezeOverride.At:yyyy-MM-dd HH:mm}Z: {state.FreezeOverride.Reason}";
        return null;
    }

    /// <summary>How a release manager overrides the freeze for a rollout.</summary>
    public static string Command(string flagKey) =>
        $"rolloutctl override-freeze {flagKey} --reason \"<why>\" (or POST /api/v1/rollouts/{flagKey}/override-freeze)";
}
