using RolloutController.Analysis;
using RolloutController.Analysis.Segments;
using RolloutController.Calendar;
using RolloutController.Policies;

namespace RolloutController.Rollouts;

/// <summary>Builds the decisions <see cref="RolloutDecider"/> takes: the next state, the transition recorded and the notices.</summary>
internal static class DecisionBuilder
{
    private const string ControllerActor = RolloutDecider.ControllerActor;

    /// <summary>
    /// Advances to the next stage, or completes at the last one, when the state machine's gate lets it
    /// (<see cref="AdvanceGate"/>); null when it does not, or when the phase does not advance (paused).
    /// </summary>
    public static Decision? Advance(RolloutPolicy policy, RolloutState state, IReadOnlyList<Measurement> measurements, DateTimeOffset now,
        IReadOnlyList<PrerequisiteShare>? prerequisites = null, IReadOnlyList<FreezePeriod>? freezes = null)
    {
        var trigger = AdvanceGate.MoveFrom(policy, state);
        var cause = new MoveCause(ControllerActor, AdvanceGate.Why(policy, state),
            new RoundEvidence(policy, state, measurements, now, prerequisites, freezes));
        if (RolloutStateMachine.Fire(state, trigger, cause) is not { } moved) return null;
        if (trigger == RolloutTrigger.Complete)
        {
            var done = moved with { HoldServed = state.HoldServedAt(now), HoldCountingSince = null, UpdatedAt = now };
            var tc = Record(state, done, trigger, cause, now);
            return new(done, [tc], [Notice.Info(NoticeKind.Completed, policy, tc, $"Rollout of '{policy.Flag.Key}' completed at {done.Weight}%", measurements)]);
        }
        var index = state.StageIndex + 1;
        var next = EnterStage(moved, index, policy.Stages[index].Weight, now);
        var t = Record(state, next, trigger, cause, now);
        return new(next, [t], [Notice.Info(NoticeKind.Advanced, policy, t,
            $"'{policy.Flag.Key}' advanced to stage {index + 1} of {policy.Stages.Count}: {state.Weight}% → {next.Weight}%", measurements)]);
    }

    public static Decision Rollback(RolloutPolicy policy, RolloutState state, IReadOnlyList<BreachEvidence> breaches, IReadOnlyList<Measurement> measurements, DateTimeOffset now)
    {
        var names = string.Join(", ", breaches.Select(b => b.Measurement.StreakKey));
        var reason = string.Join("; ", breaches.Select(b =>
            $"{b.Measurement.StreakKey}: {b.Measurement.Detail} ({b.ConsecutiveFailures} consecutive failures, limit {b.FailureLimit})"));
        return Stopped(policy, state, breaches, measurements, now, reason, $"guardrail {names} failed");
    }

    /// <summary>A round limit (errors, inconclusive) whose action is rollback.</summary>
    public static Decision LimitRollback(RolloutPolicy policy, RolloutState state, IReadOnlyList<Measurement> measurements, DateTimeOffset now, string reason) =>
        Stopped(policy, state, [], measurements, now, reason, reason);

    public static Decision AutoPause(RolloutPolicy policy, RolloutState state, IReadOnlyList<Measurement> measurements, DateTimeOffset now, string reason) =>
        Paused(policy, state, measurements, now, reason, NoticeSeverity.Warning,
            $"Holding '{policy.Flag.Key}' at {state.Weight}% and still measuring; it will not advance, and rolls back if a guardrail fails.",
            Notice.ResumeHint(policy.Flag.Key, "continue once the metrics are flowing again"), []);

    /// <summary>The sample-ratio check mismatched too many rounds in a row: pause (never roll back) and tell on-call why.</summary>
    public static Decision SampleRatioPause(RolloutPolicy policy, RolloutState state, BreachEvidence mismatch, IReadOnlyList<Measurement> measurements, DateTimeOffset now) =>
        Paused(policy, state, measurements, now,
            $"sample ratio mismatch {mismatch.ConsecutiveFailures} rounds in a row (limit {mismatch.FailureLimit}): bucketing or flag delivery is broken; {mismatch.Measurement.Detail}",
            NoticeSeverity.Critical,
            $"Holding '{policy.Flag.Key}' at {state.Weight}% and still measuring; it will not advance. The on/off split of exposures does not " +
            "match the weight, so no comparison between the cohorts can be trusted.",
            $"Check that every service evaluates '{policy.Flag.Key}' through the controller's OFREP endpoint with a stable targetingKey and " +
            "counts exposures for both variants. " + Notice.ResumeHint(policy.Flag.Key, "continue once the split is right again"),
            [mismatch]);

    /// <summary>
    /// Someone changed the flag on its platform by hand: pause (the controller writes nothing meanwhile), and tell on-call
    /// what changed, who did it as far as the platform says, and the command that overwrites it.
    /// </summary>
    public static Decision PlatformDriftPause(RolloutPolicy policy, RolloutState state, Measurement drift, IReadOnlyList<Measurement> measurements, DateTimeOffset now) =>
        Paused(policy, state, measurements, now,
            $"the flag was changed on its platform, not by the controller: {drift.Detail}",
            NoticeSeverity.Warning,
            $"Holding '{policy.Flag.Key}' and still measuring; it will not advance, and the controller writes nothing to the platform " +
            $"until a person decides: the change stays as it was made. A guardrail failure still rolls back (to 0%, off).",
            $"To keep the change and go on from it: rolloutctl adopt {policy.Flag.Key} --reason \"<why>\" " +
            $"(or POST /api/v1/rollouts/{policy.Flag.Key}/adopt). " +
            $"To overwrite it with the rollout's {state.Weight}%: rolloutctl resume {policy.Flag.Key} --reason \"<why>\" " +
            $"(or POST /api/v1/rollouts/{policy.Flag.Key}/resume). While it stays paused the change is left as it is. " +
            $"To turn the flag off: rolloutctl abort {policy.Flag.Key} --reason \"<why>\".",
            [new BreachEvidence(drift, 1, 1, drift.At)]);

    /// <summary>Segments of per-segment guardrails set to exclude tripped: serve them off, keep the rollout going for the rest.</summary>
    public static Decision Exclude(RolloutPolicy policy, RolloutState state, IReadOnlyList<BreachEvidence> breaches, IReadOnlyList<Measurement> measurements, DateTimeOffset now)
    {
        var added = breaches
            .Select(b => new ExcludedSegment(b.Measurement.Guardrail, ParseSegment(b.Measurement.Segment!), state.StageIndex, b.Measurement.Detail, now))
            .ToList();
        var excludedKeys = breaches.Select(b => b.Measurement.StreakKey).ToHashSet(StringComparer.Ordinal);
        var reason = string.Join("; ", breaches.Select(b =>
            $"{b.Measurement.StreakKey}: {b.Measurement.Detail} ({b.ConsecutiveFailures} consecutive failures, limit {b.FailureLimit}); segment excluded"));
        var cause = new MoveCause(ControllerActor, reason);
        var next = Move(state, RolloutTrigger.Exclude, cause) with
        {
            ExcludedSegments = state.ExcludedSegments.AddRange(added),
            Streaks = state.Streaks.RemoveRange(excludedKeys),
            UpdatedAt = now,
        };
        var segments = string.Join(", ", added.Select(e => e.Segment.ToString()));
        var t = Record(state, next, RolloutTrigger.Exclude, cause, now);
        var labels = string.Join(", ", added.SelectMany(e => e.Segment.Labels).Select(l => l.Name).Distinct(StringComparer.Ordinal));
        var notice = new RolloutNotice(NoticeKind.SegmentExcluded, NoticeSeverity.Warning, policy.Flag.Key,
            $"'{policy.Flag.Key}' excluded segment {segments} at {state.Weight}%: guardrail {string.Join(", ", breaches.Select(b => b.Measurement.Guardrail).Distinct())} failed there",
            $"Serving '{policy.Flag.Key}' off to evaluation contexts with {segments}; everyone else stays at {state.Weight}% and the rollout continues.",
            $"Services must send {labels} as an evaluation-context attribute for the exclusion to apply. Fix the cause for the segment, then " +
            $"include it again: rolloutctl include {policy.Flag.Key} --segment '{segments}' --reason \"<why it is safe>\" (restarting the rollout does too).",
            t, breaches, measurements);
        return new(next, [t], [notice]);
    }

    /// <summary>A round limit with action notify: a transition for the audit trail and a notice, nothing else changes.</summary>
    public static Decision Warn(RolloutPolicy policy, RolloutState state, IReadOnlyList<Measurement> measurements, DateTimeOffset now, string reason)
    {
        var cause = new MoveCause(ControllerActor, reason);
        var next = Move(state, RolloutTrigger.Warn, cause);
        var t = Record(state, next, RolloutTrigger.Warn, cause, now);
        var notice = new RolloutNotice(NoticeKind.Warning, NoticeSeverity.Warning, policy.Flag.Key,
            $"'{policy.Flag.Key}' at {state.Weight}%: {reason}",
            $"Holding '{policy.Flag.Key}' at {state.Weight}%; it advances once every guardrail passes again.",
            "Check the guardrails' queries and traffic; no action is taken automatically.",
            t, [], measurements);
        return new(next, [t], [notice]);
    }

    /// <summary>
    /// The stage is ready to leave but for its approvals: its approvers are told once per stage, with the evidence so far
    /// and the command. Recorded as a warn move (the rollout stays where it is).
    /// </summary>
    public static Decision ApprovalRequest(RolloutPolicy policy, RolloutState state, IReadOnlyList<Measurement> measurements, DateTimeOffset now)
    {
        var waiting = string.Join("; ", ApprovalRule.WhyNot(policy, state));
        var cause = new MoveCause(ControllerActor, waiting);
        var next = Move(state, RolloutTrigger.Warn, cause) with { ApprovalRequestedStage = state.StageIndex };
        var t = Record(state, next, RolloutTrigger.Warn, cause, now);
        var notice = new RolloutNotice(NoticeKind.ApprovalNeeded, NoticeSeverity.Warning, policy.Flag.Key,
            $"'{policy.Flag.Key}' at {state.Weight}% waits for approval {ApprovalRule.Move(policy, state)}",
            $"Holding '{policy.Flag.Key}' at {state.Weight}%: the hold is served and every guardrail passes (see the evidence); it moves on " +
            $"once {ApprovalRule.Required(policy, state)} distinct people approve.",
            $"To approve: {ApprovalRule.Command(policy.Flag.Key)}. Whoever started or last resumed the rollout may not approve it.",
            t, [], measurements);
        return new(next, [t], [notice]);
    }

    /// <summary>
    /// What a person's command changes besides the phase, applied to <paramref name="moved"/> (the state machine's move of
    /// <paramref name="state"/> by <paramref name="trigger"/>).
    /// </summary>
    public static Decision ApplyTrigger(RolloutPolicy policy, RolloutState state, RolloutState moved, RolloutTrigger trigger, MoveCause cause, DateTimeOffset now)
    {
        var (actor, reason) = (cause.Actor, cause.Reason);
        var next = trigger switch
        {
            RolloutTrigger.Pause => moved with { PauseReason = reason, HoldServed = state.HoldServedAt(now), HoldCountingSince = null, UpdatedAt = now },
            RolloutTrigger.Resume => moved with
            {
                PauseReason = null, HoldCountingSince = now, ResumedBy = actor, ConsecutiveErrorRounds = 0, ConsecutiveNoDataRounds = 0,
                ConsecutiveInconclusiveRounds = 0, UpdatedAt = now,
            },
            RolloutTrigger.Promote => moved with { HoldWaived = true, UpdatedAt = now },
            RolloutTrigger.Abort => Stop(moved, now),
            // A restart is a fresh start: segments excluded in the previous run are included again.
            RolloutTrigger.Restart => EnterStage(moved, 0, policy.Stages[0].Weight, now) with
            {
                PauseReason = null, ExcludedSegments = state.ExcludedSegments.Clear(), ResumedBy = actor,
            },
            RolloutTrigger.OverrideFreeze => moved with { FreezeOverride = new FreezeOverride(actor, reason, policy.Revision, now), UpdatedAt = now },
            RolloutTrigger.Approve => moved with
            {
                Approvals = moved.Approvals.Add(new Approval(actor, reason, state.StageIndex, policy.Revision, now)), UpdatedAt = now,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "not a command trigger"),
        };
        var t = Record(state, next, trigger, cause, now);
        var notice = trigger switch
        {
            RolloutTrigger.Abort => new RolloutNotice(NoticeKind.Aborted, NoticeSeverity.Critical, policy.Flag.Key,
                $"'{policy.Flag.Key}' aborted by {actor}: set to 0% from {state.Weight}%", $"Kill switch: '{policy.Flag.Key}' is at 0% for everyone.",
                Notice.ResumeHint(policy.Flag.Key, "restart from the first stage"), t, [], []),
            RolloutTrigger.Pause => Notice.Info(NoticeKind.Paused, policy, t, $"'{policy.Flag.Key}' paused at {state.Weight}% by {actor}"),
            RolloutTrigger.Resume => Notice.Info(NoticeKind.Resumed, policy, t, $"'{policy.Flag.Key}' resumed at {state.Weight}% by {actor}"),
            RolloutTrigger.Restart => Notice.Info(NoticeKind.Restarted, policy, t, $"'{policy.Flag.Key}' restarted at {next.Weight}% by {actor}"),
            _ => null,
        };
        return new(next, [t], notice is null ? [] : [notice]);
    }

    /// <summary>A stage's start: its weight, a fresh hold and fresh streaks. The phase is the state machine's, already moved.</summary>
    public static RolloutState EnterStage(RolloutState state, int index, decimal weight, DateTimeOffset now) =>
        state with
        {
            StageIndex = index,
            Weight = weight,
            StageStartedAt = now,
            HoldServed = TimeSpan.Zero,
            HoldCountingSince = now,
            HoldWaived = false,
            Approvals = state.Approvals.Clear(),
            Streaks = state.Streaks.Clear(),
            ConsecutiveErrorRounds = 0,
            ConsecutiveNoDataRounds = 0,
            ConsecutiveInconclusiveRounds = 0,
            UpdatedAt = now,
        };

    public static Transition Record(RolloutState from, RolloutState to, RolloutTrigger trigger, MoveCause cause, DateTimeOffset now) =>
        new(from.FlagKey, trigger, from.Phase, to.Phase, from.StageIndex, to.StageIndex, from.Weight, to.Weight, cause.Actor, cause.Reason, now);

    /// <summary>
    /// A move the decider only asks for where the state machine allows it (a rollback of a live rollout, the pause of an
    /// observing one): a refusal here is a bug.
    /// </summary>
    public static RolloutState Move(RolloutState state, RolloutTrigger trigger, MoveCause cause) =>
        RolloutStateMachine.Fire(state, trigger, cause)
        ?? throw new InvalidOperationException($"{trigger} is not a move from {state.Phase}");

    private static Decision Stopped(RolloutPolicy policy, RolloutState state, IReadOnlyList<BreachEvidence> breaches,
        IReadOnlyList<Measurement> measurements, DateTimeOffset now, string reason, string cause)
    {
        var move = new MoveCause(ControllerActor, reason);
        var next = Stop(Move(state, RolloutTrigger.Rollback, move), now);
        var t = Record(state, next, RolloutTrigger.Rollback, move, now);
        var notice = new RolloutNotice(NoticeKind.RolledBack, NoticeSeverity.Critical, policy.Flag.Key,
            $"'{policy.Flag.Key}' rolled back to 0% from {state.Weight}%: {cause}",
            $"Set '{policy.Flag.Key}' to 0% for everyone at {now:u}; it stays at 0% until a person restarts it.",
            Notice.ResumeHint(policy.Flag.Key, "restart from the first stage once the cause is fixed"),
            t, breaches, measurements);
        return new(next, [t], [notice]);
    }

    private static Decision Paused(RolloutPolicy policy, RolloutState state, IReadOnlyList<Measurement> measurements, DateTimeOffset now,
        string reason, NoticeSeverity severity, string action, string nextStep, IReadOnlyList<BreachEvidence> breaches)
    {
        var cause = new MoveCause(ControllerActor, reason);
        var next = Move(state, RolloutTrigger.Pause, cause) with { PauseReason = reason, HoldServed = state.HoldServedAt(now), HoldCountingSince = null };
        var t = Record(state, next, RolloutTrigger.Pause, cause, now);
        var notice = new RolloutNotice(NoticeKind.Paused, severity, policy.Flag.Key,
            $"'{policy.Flag.Key}' paused at {state.Weight}%: {reason}", action, nextStep, t, breaches, measurements);
        return new(next, [t], [notice]);
    }

    /// <summary>0% and the hold stops counting; the phase (rolled back, aborted) is the state machine's, already moved.</summary>
    internal static RolloutState Stop(RolloutState state, DateTimeOffset now) =>
        state with { Weight = 0m, HoldServed = state.HoldServedAt(now), HoldCountingSince = null, UpdatedAt = now };

    private static Segment ParseSegment(string text) =>
        Segment.TryParse(text, out var segment) ? segment : throw new ArgumentException($"not a segment: {text}", nameof(text));
}
