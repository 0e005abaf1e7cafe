using RolloutController.Rollouts;

namespace RolloutController.Flags;

/// <summary>
/// The one home of what the kill switch (<c>rolloutctl flag off|on</c>) does. Off serves the flag's default variant to
/// every context at once (reason <c>DISABLED</c>) — any flag: one without a policy (an ops or permission flag) as much as
/// one under rollout. Switching off is a move toward safety (<see cref="SafetyRule"/>): served first, stored after;
/// switching on is stored first, then served. For a flag under rollout, off also pauses a rollout that is observing (its
/// weight is kept, its hold stops counting: nothing was observed while it was off), nothing advances while the flag is
/// off, and resume and promote are refused until it is on again. On serves again what the rollout serves — the weight it
/// was paused at — and leaves the rollout paused: the ramp continues only when a person resumes it. Pure.
/// </summary>
internal static class KillSwitchRule
{
    /// <summary>
    /// The switch a person asks for, given the one in force: the next switch (its version one higher), or why it is
    /// refused — the flag is already in that position (nothing changes, nothing is recorded).
    /// </summary>
    public static (FlagSwitch? Next, string? Refusal) Decide(
        FlagSwitch? current, string flagKey, bool off, string actor, string reason, DateTimeOffset now)
    {
        var isOff = current is { Off: true };
        if (off == isOff)
            return (null, off
                ? $"flag '{flagKey}' is already switched off (by {current!.Actor} at {current.At:u}: {current.Reason})"
                : $"flag '{flagKey}' is not switched off");
        return (new FlagSwitch(flagKey, off, actor, reason, now, (current?.Version ?? 0) + 1), null);
    }

    /// <summary>The trigger recorded for <paramref name="next"/> in the flag's history.</summary>
    public static RolloutTrigger Trigger(FlagSwitch next) => next.Off ? RolloutTrigger.SwitchOff : RolloutTrigger.SwitchOn;

    /// <summary>Whether the flag is switched off.</summary>
    public static bool IsOff(FlagSwitch? current) => current is { Off: true };

    /// <summary>What switching off does to the flag's rollout: a pause when it is observing; nothing otherwise.</summary>
    public static RolloutCommand? RolloutMove(FlagSwitch next, RolloutPhase? phase) =>
        next.Off && phase == RolloutPhase.Observing ? RolloutCommand.Pause : null;

    /// <summary>The pause reason of a rollout paused by the switch.</summary>
    public static string PauseReason(FlagSwitch next) => $"flag switched off: {next.Reason}";

    /// <summary>Why a person's command on the rollout is refused while the flag is off (resume, promote, adopt), or null.</summary>
    public static string? Refusal(RolloutCommand command, FlagSwitch? current) =>
        IsOff(current) && command is RolloutCommand.Resume or RolloutCommand.Promote or RolloutCommand.Adopt
            ? $"flag '{current!.FlagKey}' is switched off (by {current.Actor} at {current.At:u}: {current.Reason}); the ramp does not move while it is off. " +
              $"Switch it on first: rolloutctl flag on {current.FlagKey} --reason \"<why it is safe>\""
            : null;

    /// <summary>A round's decision that would serve more (advance, complete) is held while the flag is off.</summary>
    public static bool HoldsRamp(FlagSwitch? current, Decision decision) => IsOff(current) && SafetyRule.IsAwayFromSafety(decision);

    /// <summary>
    /// The history entry of a switch: its trigger, actor, reason and time, with the rollout's phase and stage (unchanged by
    /// the switch itself) and the weight served before and after. A flag no rollout drives is recorded as
    /// <see cref="RolloutPhase.Completed"/> (served as declared), stage 0, weights 0.
    /// </summary>
    public static Transition Record(FlagSwitch next, RolloutState? rollout)
    {
        var phase = rollout?.Phase ?? RolloutPhase.Completed;
        var stage = rollout?.StageIndex ?? -1;
        var weight = rollout?.ServedWeight ?? 0m;
        return new Transition(next.FlagKey, Trigger(next), phase, phase, stage, stage,
            next.Off ? weight : 0m, next.Off ? 0m : weight, next.Actor, next.Reason, next.At);
    }

    /// <summary>The notice to the flag owner's routes: a warning when switched off, information when switched on.</summary>
    /// <param name="defaultVariant">The variant everyone gets while the flag is off.</param>
    public static RolloutNotice Notice(FlagSwitch next, Transition record, string defaultVariant)
    {
        var key = next.FlagKey;
        return next.Off
            ? new RolloutNotice(NoticeKind.SwitchedOff, NoticeSeverity.Warning, key,
                $"'{key}' switched off by {next.Actor}: {next.Reason}",
                $"Every context is served the default variant '{defaultVariant}' (reason DISABLED) from now" +
                (record.From is RolloutPhase.Observing or RolloutPhase.Paused ? "; the rollout is paused and does not advance while the flag is off." : "."),
                $"To switch it back on: rolloutctl flag on {key} --reason \"<why it is safe>\" (or POST /api/v1/flags/{key}/on).",
                record, [], [])
            : new RolloutNotice(NoticeKind.SwitchedOn, NoticeSeverity.Info, key,
                $"'{key}' switched on by {next.Actor}: {next.Reason}",
                "The flag serves what it served before it was switched off" +
                (record.From == RolloutPhase.Paused ? "; its rollout stays paused." : "."),
                record.From == RolloutPhase.Paused ? Rollouts.Notice.ResumeHint(key, "continue the ramp") : "No action needed.",
                record, [], []);
    }
}
