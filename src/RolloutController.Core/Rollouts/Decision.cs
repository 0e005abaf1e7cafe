namespace RolloutController.Rollouts;

/// <summary>The output of the decider: the state to persist, the transitions to record and the notices to send.</summary>
internal sealed record Decision(RolloutState State, IReadOnlyList<Transition> Transitions, IReadOnlyList<RolloutNotice> Notices)
{
    public static Decision Unchanged(RolloutState state) => new(state, [], []);

    public bool Changed => Transitions.Count > 0;
}
