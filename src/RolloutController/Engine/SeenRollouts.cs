using RolloutController.Rollouts;

namespace RolloutController.Engine;

/// <summary>
/// The state of a rollout a person sees, in the API (the list, the detail, the flag) and on the dashboard (the list,
/// the rollout page): what is served. A safety move served but not stored yet (<see cref="PendingSafetyMoves"/>) is shown
/// instead of the stored state it replaces, with when it was served, from the moment it is served: a rollback must not
/// wait on the store to be seen. Any other rollout is shown as this replica knows it (<see cref="KnownRollouts"/>); the
/// detail and the rollout page read those from the store instead (<c>RolloutReads.CurrentAsync</c>).
/// </summary>
internal static class SeenRollouts
{
    /// <summary>Every rollout this replica knows or serves a safety move of, in no particular order.</summary>
    public static IEnumerable<SeenRollout> All(KnownRollouts known, PendingSafetyMoves pending)
    {
        foreach (var (state, watchedSince) in known.All)
            yield return Of(state, watchedSince, pending.Find(state.FlagKey));
        // A move restored from the journal can be served before the rollout is known here again.
        foreach (var move in pending.All)
        {
            var seen = Of(move, null);
            if (known.Find(seen.State.FlagKey) is null) yield return seen;
        }
    }

    /// <summary>One rollout as <see cref="All"/> shows it; null when this replica neither knows nor serves it.</summary>
    public static SeenRollout? Find(string flag, KnownRollouts known, PendingSafetyMoves pending) =>
        pending.Find(flag) is { } move ? Of(move, known.WatchedSince(flag))
        : known.Find(flag) is { } state ? new SeenRollout(state, known.WatchedSince(flag), null)
        : null;

    /// <summary>The rollout's safety move served but not stored yet, as seen; null when none waits for the store.</summary>
    public static SeenRollout? Unstored(string flag, KnownRollouts known, PendingSafetyMoves pending) =>
        pending.Find(flag) is { } move ? Of(move, known.WatchedSince(flag)) : null;

    /// <summary>What is seen of a rollout known as <paramref name="known"/>, given the safety move waiting for it, if any.</summary>
    public static SeenRollout Of(RolloutState known, DateTimeOffset? watchedSince, PendingSafetyMove? move) =>
        move is null ? new SeenRollout(known, watchedSince, null) : Of(move, watchedSince);

    private static SeenRollout Of(PendingSafetyMove move, DateTimeOffset? watchedSince)
    {
        lock (move.Gate) return new SeenRollout(move.Safe, watchedSince, move.Since);
    }
}
