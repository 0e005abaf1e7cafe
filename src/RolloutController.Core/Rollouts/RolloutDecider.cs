using RolloutController.Analysis;
using RolloutController.Calendar;
using RolloutController.Flags.Platforms;
using RolloutController.Policies;
using RolloutController.Time;

namespace RolloutController.Rollouts;

/// <summary>
/// Decides what a rollout does next from its state, the policy, the latest measurements and the time. Pure: no I/O,
/// no clock. The scheduler loads, calls <see cref="Evaluate"/>, persists the decision, and only then acts on it.
/// </summary>
internal static class RolloutDecider
{
    public const string ControllerActor = "controller";

    /// <summary>
    /// Starts a pending rollout at its first stage, once its scheduled time has come and the calendar is open
    /// (<see cref="AdvanceGate.StartBlocked"/>); until then it stays pending, unchanged.
    /// </summary>
    /// <param name="freezes">The controller-wide freeze calendar; null: none.</param>
    public static Decision Start(RolloutPolicy policy, RolloutState state, DateTimeOffset now, IReadOnlyList<FreezePeriod>? freezes = null)
    {
        if (AdvanceGate.StartBlocked(policy, now, FreezeOverrideRule.Effective(policy, state, freezes)).Count > 0) return Decision.Unchanged(state);
        var cause = new MoveCause(ControllerActor, policy.Governance.StartAt is { } at
            ? $"scheduled start at {ReleaseCalendar.Describe(at, TimeZoneInfo.Utc)} (policy '{policy.Metadata.Name}')"
            : $"policy '{policy.Metadata.Name}' loaded");
        if (RolloutStateMachine.Fire(state, RolloutTrigger.Start, cause) is not { } moved) return Decision.Unchanged(state);
        var stage = policy.Stages[0];
        var next = DecisionBuilder.EnterStage(moved, 0, stage.Weight, now);
        var t = DecisionBuilder.Record(state, next, RolloutTrigger.Start, cause, now);
        return DryRun.Mark(policy, new(next, [t], [Notice.Info(NoticeKind.Started, policy, t, $"Rollout of '{policy.Flag.Key}' started at {stage.Weight}%")]));
    }

    /// <summary>
    /// One measurement round: update streaks and round counts, then — in this order of priority — roll back (a tripped
    /// guardrail, or a round limit whose action is rollback), exclude segments that tripped a per-segment guardrail set to
    /// exclude, pause (the flag changed by hand on its platform; error, no-data, inconclusive limits; sample-ratio mismatch), warn (a limit whose action is notify),
    /// advance when the state machine's gate lets it (<see cref="AdvanceGate"/>), or hold.
    /// </summary>
    /// <param name="prerequisites">What the flag's infra prerequisites serve now (the gate waits for them); null: none.</param>
    /// <param name="freezes">The controller-wide freeze calendar (the gate holds while one is in force); null: none.</param>
    public static Decision Evaluate(RolloutPolicy policy, RolloutState state, IReadOnlyList<Measurement> measurements, DateTimeOffset now,
        IReadOnlyList<PrerequisiteShare>? prerequisites = null, IReadOnlyList<FreezePeriod>? freezes = null) =>
        DryRun.Mark(policy, Round(policy, state, measurements, now, prerequisites, freezes));

    private static Decision Round(RolloutPolicy policy, RolloutState state, IReadOnlyList<Measurement> measurements, DateTimeOffset now,
        IReadOnlyList<PrerequisiteShare>? prerequisites, IReadOnlyList<FreezePeriod>? freezes)
    {
        if (!TransitionTable.IsLive(state.Phase)) return Decision.Unchanged(state);

        var measured = RoundAnalysis.Measure(policy, state, measurements, now);
        var breaches = RoundAnalysis.Breaches(policy, measured, measurements);
        var rollbacks = breaches.Where(b => !RoundAnalysis.Excludes(policy, b)).ToList();
        if (rollbacks.Count > 0) return DecisionBuilder.Rollback(policy, measured, rollbacks, measurements, now);
        var exclusions = breaches.Where(b => RoundAnalysis.Excludes(policy, b)).ToList();
        if (exclusions.Count > 0) return DecisionBuilder.Exclude(policy, measured, exclusions, measurements, now);

        var limits = RoundAnalysis.ReachedLimits(policy, measured);
        if (limits.FirstOrDefault(l => l.Action == LimitAction.Rollback) is { } fatal)
            return DecisionBuilder.LimitRollback(policy, measured, measurements, now, fatal.Reason);

        if (state.Phase == RolloutPhase.Observing)
        {
            if (RoundAnalysis.PlatformDrift(measurements) is { } drift)
                return DecisionBuilder.PlatformDriftPause(policy, measured, drift, measurements, now);
            if (limits.FirstOrDefault(l => l.Action == LimitAction.Pause) is { } pause)
                return DecisionBuilder.AutoPause(policy, measured, measurements, now, pause.Reason);
            if (RoundAnalysis.SampleRatioMismatch(policy, measured, measurements) is { } mismatch)
                return DecisionBuilder.SampleRatioPause(policy, measured, mismatch, measurements, now);
        }
        if (limits.FirstOrDefault(l => l.Action == LimitAction.Notify && l.JustReached) is { } notify)
            return DecisionBuilder.Warn(policy, measured, measurements, now, notify.Reason);
        if (DecisionBuilder.Advance(policy, measured, measurements, now, prerequisites, freezes) is { } advanced) return advanced;
        // Ready but for its approvals: the approvers hear of it once per stage.
        if (measured.Phase == RolloutPhase.Observing && measured.ApprovalRequestedStage != measured.StageIndex
            && AdvanceGate.OnlyApprovalMissing(new RoundEvidence(policy, measured, measurements, now, prerequisites, freezes)))
            return DecisionBuilder.ApprovalRequest(policy, measured, measurements, now);
        return Decision.Unchanged(measured);
    }

    /// <summary>Applies a person's command. Refused commands change nothing and say why.</summary>
    /// <param name="memberships">For approve: the approver's roles and teams (<see cref="ApprovalRule.Refusal"/>); null: none.</param>
    /// <param name="segment">For <see cref="RolloutCommand.Include"/>: the excluded segment to include again.</param>
    /// <param name="freezes">For <see cref="RolloutCommand.OverrideFreeze"/>: the controller-wide freeze calendar; null: none.</param>
    /// <param name="platform">For <see cref="RolloutCommand.Adopt"/>: the flag as its platform serves it, read for the command; null for
    /// a flag the controller serves itself.</param>
    public static CommandResult Apply(RolloutPolicy policy, RolloutState state, RolloutCommand command, string actor, string reason, DateTimeOffset now,
        IReadOnlyCollection<string>? memberships = null, Analysis.Segments.Segment? segment = null, IReadOnlyList<FreezePeriod>? freezes = null,
        PlatformObservation? platform = null)
    {
        if (string.IsNullOrWhiteSpace(actor)) return CommandResult.Refused("an actor is required");
        if (string.IsNullOrWhiteSpace(reason)) return CommandResult.Refused("a reason is required");
        if (command == RolloutCommand.Approve && ApprovalRule.Refusal(policy, state, actor, memberships ?? []) is { } refusal)
            return CommandResult.Refused(refusal);
        if (command == RolloutCommand.Include && SegmentInclusion.Refusal(policy, state, segment) is { } notExcluded) return CommandResult.Refused(notExcluded);
        if (command == RolloutCommand.OverrideFreeze && FreezeOverrideRule.Refusal(policy, state, freezes, now) is { } noFreeze)
            return CommandResult.Refused(noFreeze);
        if (command == RolloutCommand.Adopt && DriftAdoption.Refusal(policy, state, platform) is { } notAdoptable) return CommandResult.Refused(notAdoptable);
        var trigger = TriggerOf(command, state.Phase);
        var cause = new MoveCause(actor, command switch
        {
            RolloutCommand.Include => SegmentInclusion.Reason(segment!, reason),
            RolloutCommand.Adopt => DriftAdoption.Reason(platform!, reason),
            _ => reason,
        });
        if (RolloutStateMachine.Fire(state, trigger, cause) is not { } moved)
        {
            // Name what a person can do from here, in the words of the commands, not the internal triggers.
            var allowed = string.Join(", ", Enum.GetValues<RolloutCommand>()
                .Where(c => RolloutStateMachine.CanFire(state, TriggerOf(c, state.Phase), cause)
                            && (c != RolloutCommand.Approve || ApprovalRule.Required(policy, state) > 0)
                            && (c != RolloutCommand.Include || SegmentInclusion.Possible(state))
                            && (c != RolloutCommand.OverrideFreeze || FreezeOverrideRule.Refusal(policy, state, freezes, now) is null)
                            && (c != RolloutCommand.Adopt || DriftAdoption.Possible(policy, state, platform)))
                .Select(c => c.ToString().ToLowerInvariant()));
            return CommandResult.Refused(
                $"cannot {command.ToString().ToLowerInvariant()} a rollout that is {state.Phase}" +
                (allowed.Length > 0 ? $" (possible now: {allowed})" : " (it is finished)"));
        }
        return CommandResult.Ok(DryRun.Mark(policy, command switch
        {
            RolloutCommand.Include => SegmentInclusion.Decide(policy, state, moved, segment!, cause, now),
            RolloutCommand.Adopt => DriftAdoption.Decide(policy, state, moved, platform!, cause, now),
            _ => DecisionBuilder.ApplyTrigger(policy, state, moved, trigger, cause, now),
        }));
    }

    /// <summary>
    /// Whether a measurement round should run now: the last one is at least a quarter of an interval old, or the hold
    /// ended since the last one (the gate round). Rounds fired back to back — a slow round delaying the next, or an
    /// interval and a gate trigger together — would otherwise read the same data twice and count one bad reading as
    /// consecutive failures.
    /// </summary>
    /// <remarks>
    /// A quarter, not a half: a round's queries may take up to half the interval (their retry budget), and a round is
    /// recorded when its queries end, so the next round on the grid can come just half an interval after that record.
    /// With a half-interval rule that round was skipped whenever the queries used their whole budget — exactly when
    /// Prometheus is failing — and the pause on errors came an interval late.
    /// </remarks>
    public static bool RoundDue(RolloutPolicy policy, RolloutState state, DateTimeOffset now)
    {
        if (state.LastMeasuredAt is not { } last || now - last >= policy.Analysis.Interval / 4) return true;
        return state.Phase == RolloutPhase.Observing && !StageClock.HoldElapsed(policy, state, last) && StageClock.HoldElapsed(policy, state, now);
    }

    /// <summary>
    /// Picks a live rollout up after the controller was down: hold time counts only while the rollout was watched, so
    /// the hold is credited up to the last stored round and counts again from <paramref name="now"/>. Downtime never
    /// brings a stage closer to advancing.
    /// </summary>
    public static RolloutState Restore(RolloutState state, DateTimeOffset now)
    {
        if (!TransitionTable.IsLive(state.Phase) || state.HoldCountingSince is not { } since) return state;
        var lastWatched = state.LastMeasuredAt is { } measured && measured > since ? measured : since;
        return state with { HoldServed = state.HoldServedAt(lastWatched), HoldCountingSince = now, UpdatedAt = now };
    }

    private static RolloutTrigger TriggerOf(RolloutCommand command, RolloutPhase phase) => command switch
    {
        RolloutCommand.Pause => RolloutTrigger.Pause,
        RolloutCommand.Promote => RolloutTrigger.Promote,
        RolloutCommand.Abort => RolloutTrigger.Abort,
        RolloutCommand.Approve => RolloutTrigger.Approve,
        RolloutCommand.Resume when phase is RolloutPhase.RolledBack or RolloutPhase.Aborted => RolloutTrigger.Restart,
        RolloutCommand.Resume => RolloutTrigger.Resume,
        RolloutCommand.Include => RolloutTrigger.Include,
        RolloutCommand.OverrideFreeze => RolloutTrigger.OverrideFreeze,
        RolloutCommand.Adopt => RolloutTrigger.Adopt,
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };


}
