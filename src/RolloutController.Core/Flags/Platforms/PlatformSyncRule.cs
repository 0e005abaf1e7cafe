using System.Globalization;
using RolloutController.Rollouts;

namespace RolloutController.Flags.Platforms;

/// <summary>
/// Whether the controller may write a flag on its platform, from what it wants, what it last confirmed there and what the
/// platform serves now. Nothing someone changed by hand is silently overwritten — except by a move to 0%: a rollback or
/// the kill switch is always written.
/// </summary>
internal static class PlatformSyncRule
{
    /// <param name="desired">What the rollout's state wants served (<see cref="PlatformTarget"/>).</param>
    /// <param name="confirmed">What this controller last wrote and read back (or found in sync); null before the first time.</param>
    /// <param name="observed">What the platform serves now.</param>
    /// <param name="driftUnresolved">A drift was found and no person has decided yet (adopt keeps it, resume overwrites, abort stops).</param>
    public static PlatformSyncStep Decide(PlatformFlagState desired, PlatformFlagState? confirmed, PlatformFlagState observed, bool driftUnresolved)
    {
        if (observed.Matches(desired)) return PlatformSyncStep.InSync;
        // A move toward safety never waits on a person: the flag goes off whatever was changed by hand.
        if (desired.ServedWeight == 0m) return PlatformSyncStep.Write;
        if (driftUnresolved) return PlatformSyncStep.Drifted;
        if (confirmed is null)
        {
            // Nothing confirmed yet (first sight of the flag since start): a flag that serves nobody is the controller's to
            // start; one that serves something other than the rollout was changed by someone else.
            return observed.ServedWeight == 0m ? PlatformSyncStep.Write : PlatformSyncStep.Drifted;
        }
        return observed.Matches(confirmed) ? PlatformSyncStep.Write : PlatformSyncStep.Drifted;
    }

    /// <summary>
    /// Whether <paramref name="state"/> is a person's decision on a drift: the rollout observing again after it was paused
    /// since the drift was found (a resume, which overwrites the change by hand, or an adopt, whose state serves what the
    /// platform serves, so nothing is written: <see cref="DriftAdoption"/>). An observing state that is not newer than
    /// that pause — a round that read the store before the pause, a refresh — decides nothing.
    /// </summary>
    /// <param name="pausedVersion">The version of the first paused state seen since the drift was found (the drift's pause,
    /// or the pause the rollout was already in); null while none was seen.</param>
    public static bool ResolvesDrift(RolloutState state, long? pausedVersion) =>
        state.Phase == RolloutPhase.Observing && pausedVersion is { } paused && state.Version > paused;

    /// <summary>What changed between two states, in words: "rollout 10% → 30%", "the environment was switched off", ...</summary>
    public static string Change(PlatformFlagState? before, PlatformFlagState after)
    {
        if (before is null) return $"the flag serves {after}, not what the rollout serves";
        var changes = new List<string>();
        if (before.RulePresent && !after.RulePresent) changes.Add("the controller's rollout rule was removed");
        if (!before.RulePresent && after.RulePresent) changes.Add("a rollout rule was added");
        if (before.Enabled != after.Enabled) changes.Add(after.Enabled ? "the environment was switched on" : "the environment was switched off");
        if (before.RulePresent && after.RulePresent && before.Weight != after.Weight)
            changes.Add($"rollout {Percent(before.Weight)}% → {Percent(after.Weight)}%");
        if (!before.Excluded.SequenceEqual(after.Excluded)) changes.Add("the excluded segments (constraints) changed");
        return changes.Count == 0 ? $"the flag serves {after}" : string.Join("; ", changes);
    }

    private static string Percent(decimal weight) => weight.ToString("0.###", CultureInfo.InvariantCulture);
}
