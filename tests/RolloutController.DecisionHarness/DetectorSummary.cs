namespace RolloutController.DecisionHarness;

/// <summary>How one detector did over all runs of one scenario.</summary>
/// <param name="Runs">Simulated rollouts.</param>
/// <param name="Fired">Runs in which it failed the rollout at any time (in A/A: false rollbacks).</param>
/// <param name="FiredBeforeHarm">Runs in which it failed before the harm started (false rollbacks in a harm scenario).</param>
/// <param name="Detected">Runs in which its first failure came at or after the harm started.</param>
/// <param name="MedianHours">Median time from harm start to detection, over detected runs.</param>
/// <param name="P90Hours">90th percentile of that time.</param>
internal sealed record DetectorSummary(int Runs, int Fired, int FiredBeforeHarm, int Detected, double? MedianHours, double? P90Hours)
{
    public double FiredRate => (double)Fired / Runs;
    public double DetectedRate => (double)Detected / Runs;

    public static DetectorSummary From(IReadOnlyList<double?> firstFailMinutes, double? harmStartMinute)
    {
        var fired = firstFailMinutes.Count(m => m is not null);
        if (harmStartMinute is not { } start)
            return new(firstFailMinutes.Count, fired, 0, 0, null, null);

        var delays = firstFailMinutes.OfType<double>().Where(m => m >= start).Select(m => (m - start) / 60).Order().ToArray();
        var early = firstFailMinutes.Count(m => m < start);
        return new(firstFailMinutes.Count, fired, early, delays.Length, Percentile(delays, 0.5), Percentile(delays, 0.9));
    }

    // Nearest-rank percentile.
    private static double? Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
