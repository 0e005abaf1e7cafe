namespace RolloutController.Rollouts;

/// <summary>
/// Which decisions move a rollout toward safety, and how such a move is carried over onto a state that changed meanwhile.
/// The rule (docs/operations.md, "What the controller promises under failure"): a move toward safety — rollback, abort,
/// pause, excluding a segment, switching a flag off — takes effect in what is served at once and is stored after, from a
/// local journal until the store takes it; a move away from safety — start, advance, complete, resume, restart, promote,
/// including a segment again, adopting a change made by hand on the flag's platform, switching a flag on — is stored first
/// and acted on only once stored. Acting late on a rollback hurts users; acting early on an advance can hurt them too.
/// </summary>
internal static class SafetyRule
{
    /// <summary>True for rollback, abort, pause, exclude and switching a flag off.</summary>
    public static bool IsTowardSafety(RolloutTrigger trigger) =>
        trigger is RolloutTrigger.Rollback or RolloutTrigger.Abort or RolloutTrigger.Pause or RolloutTrigger.Exclude or RolloutTrigger.SwitchOff;

    /// <summary>
    /// True for start, advance, complete, resume, restart, promote, approve, include, overriding a freeze, adopting a change
    /// made by hand and switching a flag on: what serves more, or sooner.
    /// </summary>
    public static bool IsAwayFromSafety(RolloutTrigger trigger) =>
        trigger is RolloutTrigger.Start or RolloutTrigger.Advance or RolloutTrigger.Complete or RolloutTrigger.Resume
            or RolloutTrigger.Restart or RolloutTrigger.Promote or RolloutTrigger.SwitchOn or RolloutTrigger.Approve or RolloutTrigger.Include
            or RolloutTrigger.OverrideFreeze or RolloutTrigger.Adopt;

    /// <summary>A decision that changes the phase or what is served toward safety, and nothing away from it.</summary>
    public static bool IsTowardSafety(Decision decision) =>
        decision.Transitions.Count > 0 && decision.Transitions.Any(t => IsTowardSafety(t.Trigger))
        && !decision.Transitions.Any(t => IsAwayFromSafety(t.Trigger));

    /// <summary>A decision with any move away from safety: it must be stored before it is acted on.</summary>
    public static bool IsAwayFromSafety(Decision decision) => decision.Transitions.Any(t => IsAwayFromSafety(t.Trigger));

    /// <summary>
    /// Carries safety moves decided on an older state over onto <paramref name="fresh"/> (what another writer stored
    /// meanwhile): each move the state machine still allows from where the rollout now is happens again, with its actor and
    /// reason; one the rollout is already past (rolled back, aborted, finished) is dropped. Segments excluded by the moves
    /// are excluded on top of those <paramref name="fresh"/> has. Pure.
    /// </summary>
    /// <param name="safe">The state the moves led to, as served.</param>
    public static Decision Reapply(RolloutState fresh, RolloutState safe, IReadOnlyList<Transition> moves, DateTimeOffset now)
    {
        var state = fresh;
        var recorded = new List<Transition>();
        foreach (var move in moves.Where(m => IsTowardSafety(m.Trigger)))
        {
            var cause = new MoveCause(move.Actor, move.Reason);
            if (RolloutStateMachine.Fire(state, move.Trigger, cause) is not { } moved) continue;
            var next = move.Trigger switch
            {
                RolloutTrigger.Rollback or RolloutTrigger.Abort => DecisionBuilder.Stop(moved, now),
                RolloutTrigger.Pause => moved with
                {
                    PauseReason = safe.PauseReason ?? move.Reason, HoldServed = state.HoldServedAt(now), HoldCountingSince = null, UpdatedAt = now,
                },
                _ => moved with
                {
                    ExcludedSegments = state.ExcludedSegments.AddRange(safe.ExcludedSegments.Where(e => !state.ExcludedSegments.Contains(e))),
                    UpdatedAt = now,
                },
            };
            recorded.Add(DecisionBuilder.Record(state, next, move.Trigger, cause, now));
            state = next;
        }
        return new Decision(state, recorded, []);
    }
}
