using RolloutController.Analysis;
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

    /// <summary>Starts a pending rollout at its first stage.</summary>
    public static Decision Start(RolloutPolicy policy, RolloutState state, DateTimeOffset now)
    {
        if (state.Phase != RolloutPhase.Pending) return Decision.Unchanged(state);
        var stage = policy.Stages[0];
        var next = EnterStage(state, 0, stage.Weight, RolloutPhase.Observing, now);
        var t = Record(state, next, RolloutTrigger.Start, ControllerActor, $"policy '{policy.Metadata.Name}' loaded", now);
        return new(next, [t], [Notice.Info(NoticeKind.Started, policy, t, $"Rollout of '{policy.Flag.Key}' started at {stage.Weight}%")]);
    }

    /// <summary>One measurement round: update streaks, then roll back, pause, advance or hold — in that order of priority.</summary>
    public static Decision Evaluate(RolloutPolicy policy, RolloutState state, IReadOnlyList<Measurement> measurements, DateTimeOffset now)
    {
        if (!TransitionTable.IsLive(state.Phase)) return Decision.Unchanged(state);

        var measured = Measure(policy, state, measurements, now);
        var breaches = Breaches(policy, measured, measurements);
        if (breaches.Count > 0) return Rollback(policy, measured, breaches, measurements, now);

        if (state.Phase == RolloutPhase.Observing)
        {
            if (measured.ConsecutiveErrorRounds >= policy.Analysis.ConsecutiveErrorLimit)
                return AutoPause(policy, measured, measurements, now,
                    $"metrics queries failed {measured.ConsecutiveErrorRounds} rounds in a row (limit {policy.Analysis.ConsecutiveErrorLimit})");
            if (measured.ConsecutiveNoDataRounds >= policy.Analysis.ConsecutiveNoDataLimit)
                return AutoPause(policy, measured, measurements, now,
                    $"guardrails had no data {measured.ConsecutiveNoDataRounds} rounds in a row (limit {policy.Analysis.ConsecutiveNoDataLimit})");
            if (GateOpen(policy, measured, measurements, now, out var why))
                return Advance(policy, measured, measurements, now, why);
        }
        return Decision.Unchanged(measured);
    }

    /// <summary>Applies a person's command. Refused commands change nothing and say why.</summary>
    public static CommandResult Apply(RolloutPolicy policy, RolloutState state, RolloutCommand command, string actor, string reason, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(actor)) return CommandResult.Refused("an actor is required");
        if (string.IsNullOrWhiteSpace(reason)) return CommandResult.Refused("a reason is required");
        var trigger = command switch
        {
            RolloutCommand.Pause => RolloutTrigger.Pause,
            RolloutCommand.Promote => RolloutTrigger.Promote,
            RolloutCommand.Abort => RolloutTrigger.Abort,
            RolloutCommand.Resume when state.Phase is RolloutPhase.RolledBack or RolloutPhase.Aborted => RolloutTrigger.Restart,
            RolloutCommand.Resume => RolloutTrigger.Resume,
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
        };
        if (!TransitionTable.TryNext(state.Phase, trigger, out var to))
        {
            var allowed = string.Join(", ", TransitionTable.AllowedFrom(state.Phase));
            return CommandResult.Refused(
                $"cannot {command.ToString().ToLowerInvariant()} a rollout that is {state.Phase}" +
                (allowed.Length > 0 ? $" (allowed there: {allowed})" : " (it is finished)"));
        }
        return CommandResult.Ok(ApplyTrigger(policy, state, trigger, to, actor, reason, now));
    }

    /// <summary>
    /// Whether a measurement round should run now: the last one is at least half an interval old, or the hold ended
    /// since the last one (the gate round). Rounds fired back to back — a slow round delaying the next, or an interval
    /// and a gate trigger together — would otherwise read the same data twice and count one bad reading as
    /// consecutive failures.
    /// </summary>
    public static bool RoundDue(RolloutPolicy policy, RolloutState state, DateTimeOffset now)
    {
        if (state.LastMeasuredAt is not { } last || now - last >= policy.Analysis.Interval / 2) return true;
        return state.Phase == RolloutPhase.Observing && !HoldElapsed(policy, state, last) && HoldElapsed(policy, state, now);
    }

    /// <summary>Whether the current stage's hold has been served (or waived by promote).</summary>
    public static bool HoldElapsed(RolloutPolicy policy, RolloutState state, DateTimeOffset now) =>
        state.HoldWaived || state.HoldServedAt(now) >= CurrentStage(policy, state).Hold;

    public static TimeSpan HoldRemaining(RolloutPolicy policy, RolloutState state, DateTimeOffset now)
    {
        if (state.StageIndex < 0 || state.HoldWaived) return TimeSpan.Zero;
        var left = CurrentStage(policy, state).Hold - state.HoldServedAt(now);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private static StageSpec CurrentStage(RolloutPolicy policy, RolloutState state) =>
        policy.Stages[Math.Clamp(state.StageIndex, 0, policy.Stages.Count - 1)];

    private static RolloutState Measure(RolloutPolicy policy, RolloutState state, IReadOnlyList<Measurement> measurements, DateTimeOffset now)
    {
        var streaks = state.Streaks.ToBuilder();
        foreach (var m in measurements)
        {
            var current = streaks.GetValueOrDefault(m.Guardrail, GuardrailStreak.None);
            // Only a pass resets a run of failures: no-data or an error between two failures does not make the flag healthy.
            streaks[m.Guardrail] = m.Verdict switch
            {
                Verdict.Fail => new GuardrailStreak(current.Failures + 1, current.FailingSince ?? m.At),
                Verdict.Pass => GuardrailStreak.None,
                _ => current,
            };
        }
        foreach (var stale in streaks.Keys.Where(k => policy.Analysis.Guardrails.All(g => g.Name != k)).ToList())
            streaks.Remove(stale);

        return state with
        {
            Streaks = streaks.ToImmutable(),
            ConsecutiveErrorRounds = measurements.Any(m => m.Verdict == Verdict.Error) ? state.ConsecutiveErrorRounds + 1 : 0,
            ConsecutiveNoDataRounds = measurements.Any(m => m.Verdict == Verdict.NoData) ? state.ConsecutiveNoDataRounds + 1 : 0,
            LastMeasuredAt = measurements.Count > 0 ? now : state.LastMeasuredAt,
            UpdatedAt = now,
        };
    }

    private static List<BreachEvidence> Breaches(RolloutPolicy policy, RolloutState measured, IReadOnlyList<Measurement> measurements) =>
        policy.Analysis.Guardrails
            .Select(g => (Guardrail: g, Streak: measured.StreakOf(g.Name), Last: measurements.LastOrDefault(m => m.Guardrail == g.Name)))
            .Where(x => x.Last is not null && x.Streak.Failures >= x.Guardrail.FailureLimit)
            .Select(x => new BreachEvidence(x.Last!, x.Streak.Failures, x.Guardrail.FailureLimit, x.Streak.FailingSince))
            .ToList();

    // Advancing needs a fresh passing measurement of every guardrail in this round: missing data never opens a gate.
    private static bool GateOpen(RolloutPolicy policy, RolloutState state, IReadOnlyList<Measurement> measurements, DateTimeOffset now, out string why)
    {
        why = "";
        if (!HoldElapsed(policy, state, now)) return false;
        foreach (var g in policy.Analysis.Guardrails)
        {
            var last = measurements.LastOrDefault(m => m.Guardrail == g.Name);
            if (last is null || last.Verdict != Verdict.Pass) return false;
        }
        var hold = CurrentStage(policy, state).Hold;
        why = state.HoldWaived ? "hold ended by promote; every guardrail passed" : $"held {DurationParser.Format(hold)}; every guardrail passed";
        return true;
    }

    private static Decision Advance(RolloutPolicy policy, RolloutState state, IReadOnlyList<Measurement> measurements, DateTimeOffset now, string why)
    {
        var last = state.StageIndex >= policy.Stages.Count - 1;
        if (last)
        {
            var done = state with { Phase = RolloutPhase.Completed, HoldServed = state.HoldServedAt(now), HoldCountingSince = null, UpdatedAt = now };
            var tc = Record(state, done, RolloutTrigger.Complete, ControllerActor, why, now);
            return new(done, [tc], [Notice.Info(NoticeKind.Completed, policy, tc, $"Rollout of '{policy.Flag.Key}' completed at {done.Weight}%", measurements)]);
        }
        var index = state.StageIndex + 1;
        var next = EnterStage(state, index, policy.Stages[index].Weight, RolloutPhase.Observing, now);
        var t = Record(state, next, RolloutTrigger.Advance, ControllerActor, why, now);
        return new(next, [t], [Notice.Info(NoticeKind.Advanced, policy, t,
            $"'{policy.Flag.Key}' advanced to stage {index + 1} of {policy.Stages.Count}: {state.Weight}% → {next.Weight}%", measurements)]);
    }

    private static Decision Rollback(RolloutPolicy policy, RolloutState state, IReadOnlyList<BreachEvidence> breaches, IReadOnlyList<Measurement> measurements, DateTimeOffset now)
    {
        var names = string.Join(", ", breaches.Select(b => b.Measurement.Guardrail));
        var reason = string.Join("; ", breaches.Select(b =>
            $"{b.Measurement.Guardrail}: {b.Measurement.Detail} ({b.ConsecutiveFailures} consecutive failures, limit {b.FailureLimit})"));
        var next = Stop(state, RolloutPhase.RolledBack, now);
        var t = Record(state, next, RolloutTrigger.Rollback, ControllerActor, reason, now);
        var notice = new RolloutNotice(NoticeKind.RolledBack, NoticeSeverity.Critical, policy.Flag.Key,
            $"'{policy.Flag.Key}' rolled back to 0% from {state.Weight}%: guardrail {names} failed",
            $"Set '{policy.Flag.Key}' to 0% for everyone at {now:u}; it stays at 0% until a person restarts it.",
            Notice.ResumeHint(policy.Flag.Key, "restart from the first stage once the cause is fixed"),
            t, breaches, measurements);
        return new(next, [t], [notice]);
    }

    private static Decision AutoPause(RolloutPolicy policy, RolloutState state, IReadOnlyList<Measurement> measurements, DateTimeOffset now, string reason)
    {
        var next = state with { Phase = RolloutPhase.Paused, PauseReason = reason, HoldServed = state.HoldServedAt(now), HoldCountingSince = null };
        var t = Record(state, next, RolloutTrigger.Pause, ControllerActor, reason, now);
        var notice = new RolloutNotice(NoticeKind.Paused, NoticeSeverity.Warning, policy.Flag.Key,
            $"'{policy.Flag.Key}' paused at {state.Weight}%: {reason}",
            $"Holding '{policy.Flag.Key}' at {state.Weight}% and still measuring; it will not advance, and rolls back if a guardrail fails.",
            Notice.ResumeHint(policy.Flag.Key, "continue once the metrics are flowing again"),
            t, [], measurements);
        return new(next, [t], [notice]);
    }

    private static Decision ApplyTrigger(RolloutPolicy policy, RolloutState state, RolloutTrigger trigger, RolloutPhase to, string actor, string reason, DateTimeOffset now)
    {
        var next = trigger switch
        {
            RolloutTrigger.Pause => state with { Phase = to, PauseReason = reason, HoldServed = state.HoldServedAt(now), HoldCountingSince = null, UpdatedAt = now },
            RolloutTrigger.Resume => state with { Phase = to, PauseReason = null, HoldCountingSince = now, ConsecutiveErrorRounds = 0, ConsecutiveNoDataRounds = 0, UpdatedAt = now },
            RolloutTrigger.Promote => state with { HoldWaived = true, UpdatedAt = now },
            RolloutTrigger.Abort => Stop(state, to, now),
            RolloutTrigger.Restart => EnterStage(state, 0, policy.Stages[0].Weight, to, now) with { PauseReason = null },
            _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "not a command trigger"),
        };
        var t = Record(state, next, trigger, actor, reason, now);
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

    private static RolloutState EnterStage(RolloutState state, int index, decimal weight, RolloutPhase phase, DateTimeOffset now) =>
        state with
        {
            Phase = phase,
            StageIndex = index,
            Weight = weight,
            StageStartedAt = now,
            HoldServed = TimeSpan.Zero,
            HoldCountingSince = now,
            HoldWaived = false,
            Streaks = state.Streaks.Clear(),
            ConsecutiveErrorRounds = 0,
            ConsecutiveNoDataRounds = 0,
            UpdatedAt = now,
        };

    private static RolloutState Stop(RolloutState state, RolloutPhase phase, DateTimeOffset now) =>
        state with { Phase = phase, Weight = 0m, HoldServed = state.HoldServedAt(now), HoldCountingSince = null, UpdatedAt = now };

    private static Transition Record(RolloutState from, RolloutState to, RolloutTrigger trigger, string actor, string reason, DateTimeOffset now) =>
        new(from.FlagKey, trigger, from.Phase, to.Phase, from.StageIndex, to.StageIndex, from.Weight, to.Weight, actor, reason, now);
}
