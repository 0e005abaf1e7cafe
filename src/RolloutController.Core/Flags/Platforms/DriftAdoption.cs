using System.Globalization;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Flags.Platforms;

/// <summary>
/// The one home of what adopting a change made by hand on a flag's platform means (<c>rolloutctl adopt FLAG</c>), the
/// third answer to drift beside resume (overwrite it with the rollout's state) and abort (turn the flag off). Allowed only
/// while the rollout is paused and the controller has found the change (it writes nothing to the flag until a person
/// decides). What the platform serves, read just before, decides what adopting means:
/// <list type="bullet">
/// <item>the controller's rule on, at another weight within the ramp (first stage's weight to the last's), excluding the
/// segments the rollout excludes: the rollout records that weight as what it serves and observes again, in the last stage
/// whose weight is at or below it. The stage's hold starts again, guardrails keep running (a breach rolls back to 0%, off),
/// and the next advance goes to the first stage above the adopted weight. Nothing is written: the platform already
/// serves it.</item>
/// <item>the controller's rule kept, excluding the segments the rollout excludes, with the environment switched off: the
/// controller's way to hold a flag off is its kill switch, so adopting it switches the flag off (<see cref="KeepsOff"/>,
/// as <c>rolloutctl flag off</c> with the person's name and <see cref="KillSwitchReason"/>). The switch serves exactly what
/// the platform serves, so nothing is written; the rollout stays paused at its weight until a person switches the flag on
/// (which writes the rollout's weight back) and resumes.</item>
/// <item>anything the ramp cannot express is refused, naming resume and abort: the rule removed (the controller cannot
/// serve without it), constraints other than the rollout's exclusions, on at 0%, a weight below the first stage or above
/// the last.</item>
/// </list>
/// A change to the environment while the controller serves 0% (rolled back, aborted, switched off) is never adopted: a
/// move to 0% is always written (<see cref="PlatformSyncRule"/>), so it is never drift. Pure.
/// </summary>
internal static class DriftAdoption
{
    /// <summary>Why adopting is refused (nothing changes then), or null when <see cref="Decide"/> applies.</summary>
    /// <param name="observation">The platform read for this command; null for a flag the controller serves itself.</param>
    public static string? Refusal(RolloutPolicy policy, RolloutState state, PlatformObservation? observation)
    {
        var flag = policy.Flag.Key;
        if (observation is null)
            return $"'{flag}' is served by the controller itself (spec.flag.provider: {policy.Flag.Provider}): there is no flag platform to adopt a change from";
        var on = observation.Provider;
        if (state.Phase != RolloutPhase.Paused)
            return $"cannot adopt a rollout that is {state.Phase}: adopt takes a change made by hand on {on} while the rollout is paused on it" +
                   (state.Phase == RolloutPhase.Observing && observation.DriftFound ? "; the change found now pauses it at the next round" : "");
        if (!observation.DriftFound)
            return $"nothing to adopt: the controller has found no change made by hand to '{flag}' on {on} (it serves {observation.Observed}); " +
                   Notice.ResumeHint(flag, "continue the ramp");
        var problem = Problem(policy, state, observation);
        return problem is null ? null
            : $"cannot adopt: {problem}. To write the rollout's {Percent(state.Weight)}% back: rolloutctl resume {flag} --reason \"<why>\"; " +
              $"to turn the flag off: rolloutctl abort {flag} --reason \"<why>\"";
    }

    /// <summary>Whether adopt is a command a person can give now (listed as possible, shown as a button).</summary>
    public static bool Possible(RolloutPolicy policy, RolloutState state, PlatformObservation? observation) =>
        Refusal(policy, state, observation) is null || KeepsOff(policy, state, observation);

    /// <summary>
    /// Whether adopting is switching the flag off with its kill switch: the rollout paused on a change found by hand that
    /// left the controller's rule and exclusions as they were and switched the environment off.
    /// </summary>
    public static bool KeepsOff(RolloutPolicy policy, RolloutState state, PlatformObservation? observation) =>
        observation is { DriftFound: true, Observed: { RulePresent: true, Enabled: false } off } && state.Phase == RolloutPhase.Paused
        && off.Excluded.SequenceEqual(PlatformTarget.Of(state).Excluded);

    /// <summary>The reason the kill switch is recorded with when adopting switches the flag off.</summary>
    public static string KillSwitchReason(PlatformObservation observation, string reason) =>
        $"adopt off from {observation.Provider}" + (observation.Change is { } change ? $" ({change})" : "") + $": {reason}";

    /// <summary>The stage an adopted weight is held in: the last whose weight is at or below it.</summary>
    public static int StageOf(RolloutPolicy policy, decimal weight)
    {
        var index = 0;
        for (var i = 0; i < policy.Stages.Count; i++)
            if (policy.Stages[i].Weight <= weight) index = i;
        return index;
    }

    /// <summary>The reason recorded: what was adopted from where, then the person's reason.</summary>
    public static string Reason(PlatformObservation observation, string reason) =>
        $"adopt {Percent(observation.Observed.Weight)}% from {observation.Provider}" +
        (observation.Change is { } change ? $" ({change})" : "") + $": {reason}";

    /// <summary>
    /// The decision, once <see cref="Refusal"/> is null: <paramref name="moved"/> (the machine's move to observing) at the
    /// adopted weight in its stage (<see cref="StageOf"/>) with a fresh hold, the transition recorded with the person's name
    /// and <see cref="Reason"/>, and a notice.
    /// </summary>
    public static Decision Decide(RolloutPolicy policy, RolloutState state, RolloutState moved, PlatformObservation observation, MoveCause cause,
        DateTimeOffset now)
    {
        var weight = observation.Observed.Weight;
        var stage = StageOf(policy, weight);
        var next = DecisionBuilder.EnterStage(moved, stage, weight, now) with { PauseReason = null, ResumedBy = cause.Actor };
        var t = DecisionBuilder.Record(state, next, RolloutTrigger.Adopt, cause, now);
        var onward = stage + 1 < policy.Stages.Count
            ? $"next advances to {Percent(policy.Stages[stage + 1].Weight)}%"
            : "completes at the end of the hold";
        var notice = new RolloutNotice(NoticeKind.DriftAdopted, NoticeSeverity.Info, policy.Flag.Key,
            $"'{policy.Flag.Key}' adopted {Percent(weight)}% from {observation.Provider} ({cause.Actor}): the change made by hand stays",
            $"The rollout serves {Percent(weight)}% as {observation.Provider} does (was {Percent(state.Weight)}%), nothing written; it holds " +
            $"stage {stage + 1} of {policy.Stages.Count} from now, keeps measuring (a guardrail failure rolls back to 0%, off) and {onward}.",
            "No action needed.", t, [], []);
        return new Decision(next, [t], [notice]);
    }

    // What keeps the platform's state from being one the ramp can serve; null when it can.
    private static string? Problem(RolloutPolicy policy, RolloutState state, PlatformObservation observation)
    {
        var (flag, on, observed) = (policy.Flag.Key, observation.Provider, observation.Observed);
        if (!observed.RulePresent)
            return $"the controller's rollout rule is gone from {on} ({observed}): the controller cannot serve the flag without it";
        if (!observed.Excluded.SequenceEqual(PlatformTarget.Of(state).Excluded))
            return $"the constraints on {on} are not the segments the rollout excludes ({observed}): the controller excludes only what its guardrails excluded";
        if (!observed.Enabled)
            return $"'{flag}' is switched off on {on}: the controller holds a flag off with its kill switch, which writes nothing else " +
                   $"(rolloutctl flag off {flag} --reason \"<why>\")";
        if (observed.Weight <= 0m) return $"{on} serves '{flag}' to nobody with the environment on: the controller serves 0% only as off";
        if (observed.Weight < policy.Stages[0].Weight)
            return $"{Percent(observed.Weight)}% is below the first stage ({Percent(policy.Stages[0].Weight)}%): the ramp has no stage to hold it in";
        if (observed.Weight > policy.Stages[^1].Weight)
            return $"{Percent(observed.Weight)}% is above the last stage ({Percent(policy.Stages[^1].Weight)}%): the policy never serves more";
        return null;
    }

    private static string Percent(decimal weight) => weight.ToString("0.###", CultureInfo.InvariantCulture);
}
