using System.Collections.Frozen;

namespace RolloutController.Rollouts;

/// <summary>
/// The complete set of allowed (phase, trigger) → phase moves. Anything not listed is refused;
/// the decider and the operator commands both go through <see cref="TryNext"/>.
/// </summary>
internal static class TransitionTable
{
    private static readonly FrozenDictionary<(RolloutPhase, RolloutTrigger), RolloutPhase> Moves =
        new Dictionary<(RolloutPhase, RolloutTrigger), RolloutPhase>
        {
            [(RolloutPhase.Pending, RolloutTrigger.Start)] = RolloutPhase.Observing,
            [(RolloutPhase.Pending, RolloutTrigger.Abort)] = RolloutPhase.Aborted,

            [(RolloutPhase.Observing, RolloutTrigger.Advance)] = RolloutPhase.Observing,
            [(RolloutPhase.Observing, RolloutTrigger.Complete)] = RolloutPhase.Completed,
            [(RolloutPhase.Observing, RolloutTrigger.Rollback)] = RolloutPhase.RolledBack,
            [(RolloutPhase.Observing, RolloutTrigger.Pause)] = RolloutPhase.Paused,
            [(RolloutPhase.Observing, RolloutTrigger.Promote)] = RolloutPhase.Observing,
            [(RolloutPhase.Observing, RolloutTrigger.Abort)] = RolloutPhase.Aborted,
            [(RolloutPhase.Observing, RolloutTrigger.Exclude)] = RolloutPhase.Observing,
            [(RolloutPhase.Observing, RolloutTrigger.Warn)] = RolloutPhase.Observing,

            // A paused rollout still serves its weight, so it is still measured and can still roll back.
            [(RolloutPhase.Paused, RolloutTrigger.Resume)] = RolloutPhase.Observing,
            [(RolloutPhase.Paused, RolloutTrigger.Rollback)] = RolloutPhase.RolledBack,
            [(RolloutPhase.Paused, RolloutTrigger.Promote)] = RolloutPhase.Paused,
            [(RolloutPhase.Paused, RolloutTrigger.Abort)] = RolloutPhase.Aborted,
            [(RolloutPhase.Paused, RolloutTrigger.Exclude)] = RolloutPhase.Paused,
            [(RolloutPhase.Paused, RolloutTrigger.Warn)] = RolloutPhase.Paused,

            [(RolloutPhase.RolledBack, RolloutTrigger.Restart)] = RolloutPhase.Observing,
            [(RolloutPhase.Aborted, RolloutTrigger.Restart)] = RolloutPhase.Observing,
        }.ToFrozenDictionary();

    public static bool TryNext(RolloutPhase from, RolloutTrigger trigger, out RolloutPhase to) =>
        Moves.TryGetValue((from, trigger), out to);

    public static IEnumerable<RolloutTrigger> AllowedFrom(RolloutPhase from) =>
        Moves.Keys.Where(k => k.Item1 == from).Select(k => k.Item2).Order();

    /// <summary>Phases in which the flag is served at the current stage's weight and measured.</summary>
    public static bool IsLive(RolloutPhase phase) => phase is RolloutPhase.Observing or RolloutPhase.Paused;

    public static bool IsTerminal(RolloutPhase phase) => phase is RolloutPhase.Completed;
}
