using System.Globalization;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Flags.Platforms;

/// <summary>
/// Why the controller writes a flag on its platform, in words a person reading the platform's own history understands:
/// "stage 2 of new-checkout: 10% (held 24h; every guardrail passed)", "rollback of new-checkout to 0%: guardrail errors
/// failed …", "kill switch off by alice: bad deploy". A platform with a place for it (LaunchDarkly's change comment) records it.
/// </summary>
internal static class PlatformWriteReason
{
    /// <summary>The longest reason written; a platform's comment field is not a log. 500 characters.</summary>
    public const int MaxLength = 500;

    /// <param name="policy">The rollout's policy.</param>
    /// <param name="state">The state the write serves (as served: <see cref="RolloutState.AsServed"/>).</param>
    /// <param name="cause">The transitions of the decision that led to <paramref name="state"/>, when known; ignored when their
    /// last move does not end where <paramref name="state"/> is (a later refresh, an older decision).</param>
    /// <param name="killSwitch">The flag's kill switch, when a person ever switched it.</param>
    public static string Of(RolloutPolicy policy, RolloutState state, IReadOnlyList<Transition>? cause, FlagSwitch? killSwitch)
    {
        var flag = policy.Flag.Key;
        if (killSwitch is { Off: true } off) return Cut($"kill switch off by {off.Actor}: {off.Reason}");
        var served = ServedWords(policy, state);
        var move = cause?.LastOrDefault(t => t.Trigger is not (RolloutTrigger.Warn or RolloutTrigger.Approve or RolloutTrigger.OverrideFreeze));
        if (move is null || move.To != state.Phase || move.ToStage != state.StageIndex || move.ToWeight != state.Weight)
            return Cut(killSwitch is { Off: false } on ? $"kill switch on by {on.Actor}: {on.Reason}; {served}" : served);
        var by = move.Actor == RolloutDecider.ControllerActor ? "" : $" by {move.Actor}";
        return Cut(move.Trigger switch
        {
            RolloutTrigger.Rollback => $"rollback of {flag} to 0%{by}: {move.Reason}",
            RolloutTrigger.Abort => $"abort of {flag} to 0%{by}: {move.Reason}",
            RolloutTrigger.Exclude => $"{served}: segment excluded{by}: {move.Reason}",
            RolloutTrigger.Include => $"{served}: segment included again{by}: {move.Reason}",
            RolloutTrigger.Pause or RolloutTrigger.Resume or RolloutTrigger.Restart or RolloutTrigger.Promote =>
                $"{move.Trigger.ToString().ToLowerInvariant()} of {flag}{by}: {served} ({move.Reason})",
            _ => $"{served} ({move.Reason}){by}",
        });
    }

    // What the state serves, e.g. "stage 2 of new-checkout: 10%", "new-checkout completed: 100%", "new-checkout rolled back: 0%".
    private static string ServedWords(RolloutPolicy policy, RolloutState state)
    {
        var flag = policy.Flag.Key;
        var weight = state.ServedWeight.ToString("0.###", CultureInfo.InvariantCulture) + "%";
        return state.Phase switch
        {
            RolloutPhase.Observing or RolloutPhase.Paused when state.StageIndex >= 0 =>
                $"stage {state.StageIndex + 1} of {flag}: {weight}{(state.Phase == RolloutPhase.Paused ? " (paused)" : "")}",
            RolloutPhase.Completed => $"{flag} completed: {weight}",
            RolloutPhase.RolledBack => $"{flag} rolled back: {weight}",
            _ => $"{flag} {state.Phase.ToString().ToLowerInvariant()}: {weight}",
        };
    }

    private static string Cut(string reason) => reason.Length <= MaxLength ? reason : reason[..(MaxLength - 1)] + "…";
}
