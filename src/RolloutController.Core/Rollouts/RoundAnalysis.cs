using RolloutController.Analysis;
using RolloutController.Policies;

namespace RolloutController.Rollouts;

/// <summary>The bookkeeping of one measurement round: streaks and round counts, breaches, limits and the advancement gate.</summary>
internal static class RoundAnalysis
{
    /// <summary>Updates failure streaks (per guardrail, per segment) and the consecutive error/no-data/inconclusive rounds.</summary>
    public static RolloutState Measure(RolloutPolicy policy, RolloutState state, IReadOnlyList<Measurement> measurements, DateTimeOffset now)
    {
        var streaks = state.Streaks.ToBuilder();
        foreach (var m in measurements)
        {
            var current = streaks.GetValueOrDefault(m.StreakKey, GuardrailStreak.None);
            // Only a pass resets a run of failures: no-data or an error between two failures does not make the flag healthy.
            streaks[m.StreakKey] = m.Verdict switch
            {
                Verdict.Fail => new GuardrailStreak(current.Failures + 1, current.FailingSince ?? m.At),
                Verdict.Pass => GuardrailStreak.None,
                _ => current,
            };
        }
        foreach (var stale in streaks.Keys.Where(k => !IsKnown(policy, k)).ToList())
            streaks.Remove(stale);

        // The sample-ratio check is not enough data for a while at every stage start; only guardrails count as inconclusive.
        var inconclusive = measurements.Any(m => m.Verdict == Verdict.Inconclusive && m.Kind == MeasurementKind.Guardrail);
        return state with
        {
            Streaks = streaks.ToImmutable(),
            ConsecutiveErrorRounds = measurements.Any(m => m.Verdict == Verdict.Error) ? state.ConsecutiveErrorRounds + 1 : 0,
            ConsecutiveNoDataRounds = measurements.Any(m => m.Verdict == Verdict.NoData) ? state.ConsecutiveNoDataRounds + 1 : 0,
            ConsecutiveInconclusiveRounds = inconclusive ? state.ConsecutiveInconclusiveRounds + 1 : 0,
            LastMeasuredAt = measurements.Count > 0 ? now : state.LastMeasuredAt,
            UpdatedAt = now,
        };
    }

    /// <summary>Every guardrail (or segment of one) whose failures in a row reached its limit, with its latest measurement.</summary>
    public static List<BreachEvidence> Breaches(RolloutPolicy policy, RolloutState measured, IReadOnlyList<Measurement> measurements) =>
        measurements
            .GroupBy(m => m.StreakKey)
            .Select(group => (Last: group.Last(), Guardrail: policy.Analysis.Guardrails.FirstOrDefault(g => g.Name == group.Last().Guardrail)))
            .Where(x => x.Guardrail is not null)
            .Select(x => (x.Last, x.Guardrail, Streak: measured.StreakOf(x.Last.StreakKey)))
            .Where(x => x.Streak.Failures >= x.Guardrail!.FailureLimit)
            .Select(x => new BreachEvidence(x.Last, x.Streak.Failures, x.Guardrail!.FailureLimit, x.Streak.FailingSince))
            .ToList();

    /// <summary>True when the breach is one segment of a guardrail set to <c>onSegmentBreach: exclude</c>.</summary>
    public static bool Excludes(RolloutPolicy policy, BreachEvidence breach) =>
        breach.Measurement.Segment is { } segment && Analysis.Segments.Segment.TryParse(segment, out _)
        && policy.Analysis.Guardrails.FirstOrDefault(g => g.Name == breach.Measurement.Guardrail) is { OnSegmentBreach: SegmentBreachAction.Exclude };

    /// <summary>The error, no-data and inconclusive limits reached after this round.</summary>
    public static List<ReachedLimit> ReachedLimits(RolloutPolicy policy, RolloutState measured)
    {
        var analysis = policy.Analysis;
        var reached = new List<ReachedLimit>(3);
        if (measured.ConsecutiveErrorRounds >= analysis.ConsecutiveErrorLimit)
            reached.Add(new(analysis.OnErrorLimit,
                $"metrics queries failed {measured.ConsecutiveErrorRounds} rounds in a row (limit {analysis.ConsecutiveErrorLimit})",
                measured.ConsecutiveErrorRounds == analysis.ConsecutiveErrorLimit));
        if (measured.ConsecutiveNoDataRounds >= analysis.ConsecutiveNoDataLimit)
            reached.Add(new(LimitAction.Pause,
                $"guardrails had no data {measured.ConsecutiveNoDataRounds} rounds in a row (limit {analysis.ConsecutiveNoDataLimit})",
                measured.ConsecutiveNoDataRounds == analysis.ConsecutiveNoDataLimit));
        if (analysis.InconclusiveLimit is { } limit && measured.ConsecutiveInconclusiveRounds >= limit.Rounds)
            reached.Add(new(limit.Action,
                $"guardrails were inconclusive (not enough data) {measured.ConsecutiveInconclusiveRounds} rounds in a row (limit {limit.Rounds})",
                measured.ConsecutiveInconclusiveRounds == limit.Rounds));
        return reached;
    }

    /// <summary>The sample-ratio check's evidence when it mismatched as many rounds in a row as its limit allows; otherwise null.</summary>
    public static BreachEvidence? SampleRatioMismatch(RolloutPolicy policy, RolloutState measured, IReadOnlyList<Measurement> measurements)
    {
        if (policy.Analysis.SampleRatio is not { } srm) return null;
        var last = measurements.LastOrDefault(m => m.Kind == MeasurementKind.SampleRatio);
        if (last is not { Verdict: Verdict.Fail }) return null;
        var streak = measured.StreakOf(last.StreakKey);
        return streak.Failures >= srm.MismatchLimit
            ? new BreachEvidence(last, streak.Failures, srm.MismatchLimit, streak.FailingSince)
            : null;
    }

    /// <summary>
    /// Whether every guardrail (every segment of it) has a fresh passing measurement in this round: missing data, an error
    /// or an unmeasured guardrail is not a pass. A guard of the advancement gate (<see cref="AdvanceGate"/>).
    /// </summary>
    public static bool GuardrailsPassed(RolloutPolicy policy, IReadOnlyList<Measurement> measurements) =>
        policy.Analysis.Guardrails.All(g => GuardrailPassed(g, measurements));

    /// <summary>Whether <paramref name="guardrail"/> was measured in this round and every measurement of it passed.</summary>
    public static bool GuardrailPassed(GuardrailSpec guardrail, IReadOnlyList<Measurement> measurements)
    {
        var measured = false;
        foreach (var m in measurements.Where(m => m.Guardrail == guardrail.Name))
        {
            if (m.Verdict != Verdict.Pass) return false;
            measured = true;
        }
        return measured;
    }

    /// <summary>The flag platform's reading when it found the flag changed by hand (drift); otherwise null.</summary>
    public static Measurement? PlatformDrift(IReadOnlyList<Measurement> measurements) =>
        measurements.FirstOrDefault(m => m.Kind == MeasurementKind.FlagPlatform && m.Verdict == Verdict.Fail);

    /// <summary>
    /// Whether the flag platform (if the flag has one) confirmed this round that it serves what was applied: a platform
    /// that is down, still applying or drifted keeps the gate closed. A guard of the advancement gate.
    /// </summary>
    public static bool PlatformServesApplied(IReadOnlyList<Measurement> measurements) =>
        measurements.All(m => m.Kind != MeasurementKind.FlagPlatform || m.Verdict == Verdict.Pass);

    /// <summary>Whether the sample-ratio check failed in this round: the gate stays closed even before its mismatch limit.</summary>
    public static bool SampleRatioMismatched(IReadOnlyList<Measurement> measurements) =>
        measurements.Any(m => m.Kind == MeasurementKind.SampleRatio && m.Verdict == Verdict.Fail);

    private static bool IsKnown(RolloutPolicy policy, string streakKey) =>
        (policy.Analysis.SampleRatio is not null && streakKey == SampleRatioSpec.MeasurementName)
        || policy.Analysis.Guardrails.Any(g => StreakKeys.BelongsTo(streakKey, g.Name));
}
