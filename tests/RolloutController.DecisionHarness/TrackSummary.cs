using RolloutController.Rollouts;

namespace RolloutController.DecisionHarness;

/// <summary>How the rollouts of one scenario ended under one policy.</summary>
/// <param name="Policy">The policy's short name.</param>
/// <param name="Runs">Simulated rollouts.</param>
/// <param name="Completed">Reached 100 % and served its hold.</param>
/// <param name="RolledBack">Rolled back by the decider, paused before or not (in A/A: false rollbacks).</param>
/// <param name="SrmPaused">Paused for a sample-ratio mismatch, rolled back later or not (in A/A: false alarms that stop a healthy rollout).</param>
/// <param name="LimitPaused">Paused for an error, no-data or inconclusive limit.</param>
/// <param name="Unfinished">Still observing at the horizon: never paused, yet neither completed nor rolled back.</param>
/// <param name="RolledBackBeforeHarm">Rolled back before the harm started (false rollbacks in a harm scenario).</param>
/// <param name="PausedBeforeHarm">Paused before the harm started, and so never exposed to it.</param>
/// <param name="Detected">Runs in which the harm was acted on after it started: a rollback, or for a sample-ratio harm the SRM pause.</param>
/// <param name="MedianHours">Median time from harm start to detection, over detected runs.</param>
/// <param name="P90Hours">90th percentile of that time.</param>
/// <param name="MedianCompletionHours">Median time to complete, over completed runs.</param>
/// <param name="SrmPauses">Where each sample-ratio pause happened.</param>
/// <param name="LimitPauseReasons">The decider's reasons for limit pauses, with how many runs gave each.</param>
internal sealed record TrackSummary(
    string Policy,
    int Runs,
    int Completed,
    int RolledBack,
    int SrmPaused,
    int LimitPaused,
    int Unfinished,
    int RolledBackBeforeHarm,
    int PausedBeforeHarm,
    int Detected,
    double? MedianHours,
    double? P90Hours,
    double? MedianCompletionHours,
    IReadOnlyList<StagePoint> SrmPauses,
    IReadOnlyDictionary<string, int> LimitPauseReasons)
{
    public static TrackSummary From(string policy, HarmKind harm, IReadOnlyList<RunOutcome> runs)
    {
        var delays = harm == HarmKind.None
            ? []
            : runs.Select(r => (Start: r.HarmStartHours, At: harm == HarmKind.SampleRatio ? r.SrmPauseHours : r.RollbackHours))
                .Where(x => x is { Start: not null, At: not null } && x.At >= x.Start)
                .Select(x => x.At!.Value - x.Start!.Value)
                .Order()
                .ToArray();
        var completions = runs.Where(r => r.Phase == RolloutPhase.Completed).Select(r => r.EndHours).Order().ToArray();
        var beforeHarm = harm == HarmKind.None ? [] : runs.Where(r => r.HarmStartHours is null).ToList();
        return new(
            policy,
            runs.Count,
            completions.Length,
            runs.Count(r => r.RollbackHours is not null),
            runs.Count(r => r.SrmPauseHours is not null),
            runs.Count(r => r.LimitPauseHours is not null),
            runs.Count(r => r.Phase == RolloutPhase.Observing),
            beforeHarm.Count(r => r.RollbackHours is not null),
            beforeHarm.Count(r => r.SrmPauseHours is not null || r.LimitPauseHours is not null),
            delays.Length,
            Percentile(delays, 0.5),
            Percentile(delays, 0.9),
            Percentile(completions, 0.5),
            runs.Select(r => r.SrmPauseAt).OfType<StagePoint>().ToList(),
            runs.Where(r => r.LimitPauseHours is not null).GroupBy(r => r.PauseReason ?? "")
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
    }

    public double Rate(int count) => (double)count / Runs;

    // Nearest-rank percentile.
    public static double? Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
