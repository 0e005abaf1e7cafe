using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Store;

namespace RolloutController.Api;

/// <summary>Maps stored state and policy to the API's read models.</summary>
internal static class RolloutViews
{
    /// <param name="watchedSince">When this replica started watching the rollout; lateness is not counted before it.</param>
    /// <param name="notStoredSince">When the safety move shown was served, while the store has not taken it (<see cref="Engine.SeenRollout"/>).</param>
    public static RolloutSummary Summary(
        RolloutPolicy? policy, RolloutState s, DateTimeOffset now, DateTimeOffset? watchedSince = null, DateTimeOffset? notStoredSince = null) =>
        new(s.FlagKey, s.PolicyName, s.Phase.ToString(), s.StageIndex + 1, policy?.Stages.Count ?? 0, s.ServedWeight,
            policy is not null && TransitionTable.IsLive(s.Phase) ? StageClock.HoldLeft(policy, s, now).TotalSeconds : null,
            s.PauseReason, s.StageStartedAt, s.LastMeasuredAt, s.UpdatedAt, s.Version,
            policy?.Metadata.Owner, policy?.Metadata.Type.ToString().ToLowerInvariant(),
            policy is null ? null : RoundClock.NextDueAt(policy, s, now),
            policy is null ? 0 : RoundClock.Overdue(policy, s, watchedSince ?? s.UpdatedAt, now).TotalSeconds,
            s.Phase == RolloutPhase.Pending ? policy?.Governance.StartAt : null,
            policy?.Governance.DryRun == true ? "dry-run" : "live",
            policy is null ? s.ServedWeight : s.AsServed(policy).ServedWeight,
            notStoredSince);

    /// <param name="platform">What this replica last read of the flag on its platform (adopt is listed only when it applies); null: none.</param>
    public static RolloutDetail Detail(
        RolloutPolicy policy, RolloutState s, IReadOnlyList<MeasurementRecord> measurements, IReadOnlyList<Transition> transitions,
        IReadOnlyList<NotificationAttempt> notifications, DateTimeOffset now, DateTimeOffset? watchedSince = null,
        IReadOnlyList<PrerequisiteShare>? prerequisites = null, IReadOnlyList<Calendar.FreezePeriod>? freezes = null,
        DateTimeOffset? notStoredSince = null, Flags.Platforms.PlatformObservation? platform = null)
    {
        var round = LatestRound(s, measurements);
        var permitted = RolloutStateMachine.Permitted(s,
                new MoveCause(RolloutDecider.ControllerActor, "", new RoundEvidence(policy, s, round, now, prerequisites, freezes)))
            .Where(t => t != RolloutTrigger.Include || SegmentInclusion.Possible(s))
            .Where(t => t != RolloutTrigger.OverrideFreeze || FreezeOverrideRule.Refusal(policy, s, freezes, now) is null)
            .Where(t => t != RolloutTrigger.Adopt || Flags.Platforms.DriftAdoption.Possible(policy, s, platform));
        return new(Summary(policy, s, now, watchedSince, notStoredSince), policy.Metadata.Owner, policy.Metadata.Type.ToString().ToLowerInvariant(), policy.Metadata.Reason, policy.Source,
            policy.Stages.Select((st, i) => new StageView(i + 1, st.Weight, st.Hold.TotalSeconds, st.ManualGate,
                i > 0 && policy.Governance.Approvals is { } a && a.Before.Contains(st.Weight) ? a.Required : 0)).ToList(),
            policy.Analysis.Guardrails.Select(g => Guardrail(g, s, measurements)).ToList(),
            transitions.Select(Transition).ToList(),
            notifications,
            AdvanceGate.Blocked(policy, s, round, now, prerequisites, freezes),
            permitted.Select(t => t.ToString().ToLowerInvariant()).ToList())
        {
            Runbook = policy.Metadata.Runbook,
            ApprovalsRequired = TransitionTable.IsLive(s.Phase) ? ApprovalRule.Required(policy, s) : 0,
            Approvals = s.Approvals.Where(a => a.StageIndex == s.StageIndex && a.Revision == policy.Revision)
                .Select(a => new ApprovalView(a.Actor, a.Reason, a.At)).ToList(),
            FreezeOverride = FreezeOverrideRule.InForce(policy, s) && s.FreezeOverride is { } o ? new ApprovalView(o.Actor, o.Reason, o.At) : null,
            ExcludedSegments = s.ExcludedSegments.OrderBy(e => e.At)
                .Select(e => new ExcludedSegmentView(e.Segment.ToString(), e.Guardrail, e.StageIndex + 1, e.Reason, e.At)).ToList(),
        };
    }

    /// <summary>
    /// The measurements of the latest round at the current stage (every measurement of a round has the round's time);
    /// empty before the stage's first round. <paramref name="measurements"/> may be in any order.
    /// </summary>
    public static IReadOnlyList<Analysis.Measurement> LatestRound(RolloutState s, IReadOnlyList<MeasurementRecord> measurements)
    {
        var stage = measurements
            .Where(r => r.StageIndex == s.StageIndex && (s.StageStartedAt is not { } started || r.Measurement.At >= started))
            .Select(r => r.Measurement)
            .ToList();
        if (stage.Count == 0) return [];
        var last = stage.Max(m => m.At);
        return stage.Where(m => m.At == last).ToList();
    }

    public static MeasurementView Measurement(MeasurementRecord r) =>
        new(r.Measurement.Guardrail, r.Measurement.Verdict.ToString().ToLowerInvariant(), r.Measurement.Value, r.Measurement.Threshold,
            r.Measurement.Detail, r.Measurement.Query, r.StageIndex + 1, r.Weight, r.Measurement.At, r.Measurement.Segment, r.Measurement.Details);

    // For a per-segment guardrail the failure run shown is the longest among its segments; every segment is in LastRound.
    private static GuardrailStatus Guardrail(GuardrailSpec g, RolloutState s, IReadOnlyList<MeasurementRecord> measurements)
    {
        var streak = s.Streaks.Where(e => Analysis.StreakKeys.BelongsTo(e.Key, g.Name)).Select(e => e.Value)
            .OrderByDescending(x => x.Failures).FirstOrDefault() ?? GuardrailStreak.None;
        var own = measurements.Where(m => m.Measurement.Guardrail == g.Name).ToList();
        var last = own.FirstOrDefault();
        var lastRound = last is null ? [] : own.Where(m => m.Measurement.At == last.Measurement.At).Select(Measurement).ToList();
        return new GuardrailStatus(g.Name, Analysis.GuardrailEvaluator.Describe(g), g.FailureLimit, g.OnNoData.ToString().ToLowerInvariant(),
            streak.Failures, streak.FailingSince, last is null ? null : Measurement(last),
            g.Kind.ToString().ToLowerInvariant(), g.By, lastRound,
            s.ExcludedSegments.Where(e => e.Guardrail == g.Name).Select(e => e.Segment.ToString()).ToList(), g.Runbook);
    }

    public static TransitionView Transition(Transition t) =>
        new(t.Trigger.ToString().ToLowerInvariant(), t.From.ToString(), t.To.ToString(), t.FromStage + 1, t.ToStage + 1,
            t.FromWeight, t.ToWeight, t.Actor, t.Reason, t.At);
}
