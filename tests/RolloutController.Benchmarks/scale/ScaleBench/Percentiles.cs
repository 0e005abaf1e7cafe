namespace RolloutController.ScaleBench;

internal static class Percentiles
{
    /// <summary>The nearest-rank <paramref name="q"/> quantile of ascending <paramref name="sorted"/>; 0 when it is empty.</summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
