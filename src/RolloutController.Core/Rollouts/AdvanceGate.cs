using System.Globalization;
using RolloutController.Analysis;
using RolloutController.Calendar;
using RolloutController.Policies;
using RolloutController.Time;

namespace RolloutController.Rollouts;

/// <summary>
/// The advancement gate: the guards of the advance and complete moves in <see cref="RolloutStateMachine"/>, each made of
/// the decider's own predicates, and — from the guards the machine finds unmet — the reasons a rollout cannot advance now.
/// Advancing needs the hold served and a fresh passing measurement of every guardrail (every segment of it) in this round
/// — missing data never opens a gate — no sample-ratio mismatch, and the calendar open: inside one of the policy's release
/// windows and no controller-wide freeze in force unless overridden for the policy (<see cref="ReleaseCalendar"/>,
/// <see cref="FreezeOverrideRule"/>). The start of a rollout waits for its
/// scheduled time and for the same calendar (<see cref="StartBlocked"/>).
/// </summary>
internal static class AdvanceGate
{
    /// <summary>What the gate is made of, in the order reasons are listed.</summary>
    public static IReadOnlyList<GateCondition> Conditions { get; } =
    [
        new("hold served",
            r => StageClock.HoldElapsed(r.Policy, r.State, r.Now),
            r => [$"hold {Human(StageClock.HoldLeft(r.Policy, r.State, r.Now))} left"]),
        new("every guardrail passed this round",
            r => RoundAnalysis.GuardrailsPassed(r.Policy, r.Measurements),
            r => GuardrailsWhyNot(r.Policy, r.Measurements)),
        new("no sample-ratio mismatch",
            r => !RoundAnalysis.SampleRatioMismatched(r.Measurements),
            _ => ["sample ratio: the on/off split of exposures does not match the weight"]),
        new("the flag platform serves the applied state",
            r => RoundAnalysis.PlatformServesApplied(r.Measurements),
            r => r.Measurements.Where(m => m.Kind == MeasurementKind.FlagPlatform && m.Verdict != Verdict.Pass).Select(m => m.Detail)),
        new("every infra prerequisite serves the target weight",
            r => PrerequisitesBehind(r).Count == 0,
            r => PrerequisitesBehind(r).Select(p => $"waiting for {p.Flag} to reach {Percent(TargetWeight(r.Policy, r.State))}% (serves {Percent(p.Weight)}%)")),
        new("inside a release window",
            r => ReleaseCalendar.InsideWindow(r.Policy.Governance.Windows, r.Now),
            r => ReleaseCalendar.OutsideWindows(r.Policy.Governance.Windows, r.Now)),
        new("no release freeze in force",
            r => FreezeOverrideRule.InForce(r.Policy, r.State) || ReleaseCalendar.FreezesAt(r.Freezes, r.Now).Count == 0,
            r => ReleaseCalendar.Frozen(r.Freezes, r.Now)),
        new(ApprovedDescription,
            r => ApprovalRule.Met(r.Policy, r.State),
            r => ApprovalRule.WhyNot(r.Policy, r.State)),
    ];

    /// <summary>The approval condition's description (<see cref="ApprovalRule"/>).</summary>
    public const string ApprovedDescription = "approved where the policy asks";

    /// <summary>
    /// Whether approval is all that keeps the gated move from firing now: every other condition of the gate is met. Then
    /// the approvers are told (<see cref="DecisionBuilder.ApprovalRequest"/>).
    /// </summary>
    public static bool OnlyApprovalMissing(RoundEvidence round)
    {
        var unmet = RolloutStateMachine.UnmetGuards(round.State, MoveFrom(round.Policy, round.State),
            new MoveCause(RolloutDecider.ControllerActor, "", round));
        return unmet.Count == 1 && unmet.Contains(ApprovedDescription);
    }

    /// <summary>
    /// Why a pending rollout cannot start now, one reason a line: its scheduled time (<c>spec.startAt</c>) not reached
    /// (<c>scheduled for …</c>), outside its release windows, or frozen. Empty when it may start. Pure.
    /// </summary>
    public static IReadOnlyList<string> StartBlocked(RolloutPolicy policy, DateTimeOffset now, IReadOnlyList<FreezePeriod>? freezes)
    {
        var reasons = new List<string>();
        if (policy.Governance.StartAt is { } at && now < at) reasons.Add($"scheduled for {ReleaseCalendar.Describe(at, TimeZoneInfo.Utc)}");
        reasons.AddRange(ReleaseCalendar.Closed(policy.Governance.Windows, freezes, now));
        return reasons;
    }

    /// <summary>
    /// The weight the gated move leads to: the next stage's, or the current one's when completing. An app flag may not
    /// be served to more keys than its infra prerequisite serves, so that move waits for the prerequisite.
    /// </summary>
    public static decimal TargetWeight(RolloutPolicy policy, RolloutState state) =>
        policy.Stages[Math.Clamp(state.StageIndex < policy.Stages.Count - 1 ? state.StageIndex + 1 : state.StageIndex, 0, policy.Stages.Count - 1)].Weight;

    private static List<PrerequisiteShare> PrerequisitesBehind(RoundEvidence r) =>
        r.Prerequisites is not { Count: > 0 } shares ? [] : shares.Where(p => p.Weight < TargetWeight(r.Policy, r.State)).ToList();

    private static string Percent(decimal weight) => weight.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Advance only moves to a stage that exists; complete only ends the last one.</summary>
    public static GateCondition NextStageExists { get; } =
        new("a next stage exists", r => r.State.StageIndex < r.Policy.Stages.Count - 1, _ => []);

    /// <inheritdoc cref="NextStageExists"/>
    public static GateCondition AtLastStage { get; } =
        new("at the last stage", r => r.State.StageIndex >= r.Policy.Stages.Count - 1, _ => []);

    /// <summary>The gated move from the rollout's stage: complete at the last stage, advance before it.</summary>
    public static RolloutTrigger MoveFrom(RolloutPolicy policy, RolloutState state) =>
        state.StageIndex >= policy.Stages.Count - 1 ? RolloutTrigger.Complete : RolloutTrigger.Advance;

    /// <summary>The reason recorded for an advance or complete.</summary>
    public static string Why(RolloutPolicy policy, RolloutState state) =>
        state.HoldWaived
            ? "hold ended by promote; every guardrail passed"
            : $"held {DurationParser.Format(StageClock.CurrentStage(policy, state).Hold)}; every guardrail passed";

    /// <summary>
    /// Why the rollout cannot advance (or complete) now, for people, e.g. <c>["hold 3h12m left", "error-rate: no data"]</c>:
    /// the unmet guards of the move, in words. A paused rollout names its pause, a pending one what keeps it from starting
    /// (<see cref="StartBlocked"/>). Empty when nothing blocks, and when advancing does not apply (completed, rolled back,
    /// aborted). Pure.
    /// </summary>
    /// <param name="latestRound">The measurements of the latest round at the current stage; empty when there is none yet.</param>
    /// <param name="prerequisites">What the flag's infra prerequisites serve now; null: none.</param>
    /// <param name="freezes">The controller-wide freeze calendar; null: none.</param>
    public static IReadOnlyList<string> Blocked(RolloutPolicy policy, RolloutState state, IReadOnlyList<Measurement> latestRound, DateTimeOffset now,
        IReadOnlyList<PrerequisiteShare>? prerequisites = null, IReadOnlyList<FreezePeriod>? freezes = null)
    {
        if (state.Phase == RolloutPhase.Paused) return [$"paused: {state.PauseReason ?? "no reason given"}"];
        if (state.Phase == RolloutPhase.Pending) return StartBlocked(policy, now, FreezeOverrideRule.Effective(policy, state, freezes));
        if (state.Phase != RolloutPhase.Observing) return [];
        var round = new RoundEvidence(policy, state, latestRound, now, prerequisites, freezes);
        var unmet = RolloutStateMachine.UnmetGuards(state, MoveFrom(policy, state), new MoveCause(RolloutDecider.ControllerActor, "", round));
        return Conditions.Where(c => unmet.Contains(c.Description)).SelectMany(c => c.WhyNot(round)).ToList();
    }

    private static IEnumerable<string> GuardrailsWhyNot(RolloutPolicy policy, IReadOnlyList<Measurement> measurements)
    {
        foreach (var g in policy.Analysis.Guardrails.Where(g => !RoundAnalysis.GuardrailPassed(g, measurements)))
        {
            var own = measurements.Where(m => m.Guardrail == g.Name).ToList();
            if (own.Count == 0) yield return $"{g.Name}: not measured yet at this stage";
            foreach (var m in own.Where(m => m.Verdict != Verdict.Pass)) yield return $"{m.StreakKey}: {Words(m.Verdict)}";
        }
    }

    private static string Words(Verdict verdict) => verdict switch
    {
        Verdict.Fail => "failing",
        Verdict.NoData => "no data",
        Verdict.Error => "query error",
        Verdict.Inconclusive => "inconclusive (not enough data yet)",
        _ => verdict.ToString().ToLowerInvariant(),
    };

    // "3h12m", "1d4h", "45s": the two largest units present, from the time rounded up to the second, so "0s left" never
    // shows while the hold still runs.
    private static string Human(TimeSpan left)
    {
        var seconds = (long)Math.Ceiling(left.TotalSeconds);
        if (seconds <= 0) return "0s";
        var parts = new[] { (seconds / 86_400, "d"), (seconds / 3_600 % 24, "h"), (seconds / 60 % 60, "m"), (seconds % 60, "s") }
            .SkipWhile(p => p.Item1 == 0).Where(p => p.Item1 != 0).Take(2);
        return string.Concat(parts.Select(p => p.Item1.ToString(CultureInfo.InvariantCulture) + p.Item2));
    }
}
