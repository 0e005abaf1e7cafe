namespace RolloutController.Rollouts;

/// <summary>
/// Questions about phases that do not need a rollout: answered from <see cref="RolloutStateMachine"/>'s configuration,
/// which is the one list of allowed moves.
/// </summary>
internal static class TransitionTable
{
    /// <summary>Every trigger configured from <paramref name="from"/> (guards not evaluated), in the order of <see cref="RolloutTrigger"/>.</summary>
    public static IEnumerable<RolloutTrigger> AllowedFrom(RolloutPhase from) => RolloutStateMachine.ConfiguredFrom(from);

    /// <summary>Phases in which the flag is served at the current stage's weight and measured.</summary>
    public static bool IsLive(RolloutPhase phase) => phase is RolloutPhase.Observing or RolloutPhase.Paused;

    /// <summary>Phases nothing leaves: no move is configured from them.</summary>
    public static bool IsTerminal(RolloutPhase phase) => RolloutStateMachine.ConfiguredFrom(phase).Count == 0;
}
