namespace RolloutController.Time;

/// <summary>
/// Exponential backoff with jitter, the one rule for every wait between attempts (Prometheus queries, notification
/// deliveries): the wait before retry <c>n</c> is <c>min(max, initial · 2^(n-1))</c> scaled by a factor in [0.75, 1], so
/// retries from many callers spread out yet never shrink to nothing.
/// </summary>
internal static class ExponentialBackoff
{
    /// <summary>The largest share jitter takes off a wait.</summary>
    public const double JitterSpread = 0.25;

    /// <param name="initial">Wait before the first retry.</param>
    /// <param name="max">Longest wait, before jitter.</param>
    /// <param name="retry">The retry about to be made, 1-based.</param>
    /// <param name="jitter">A sample in [0, 1); 0 waits the full backoff.</param>
    public static TimeSpan Delay(TimeSpan initial, TimeSpan max, int retry, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        if (initial <= TimeSpan.Zero || max <= TimeSpan.Zero) return TimeSpan.Zero;
        // Doubling past 2^30 reaches any cap a person configures; checked against the cap by division, so it cannot overflow.
        var factor = 1L << Math.Min(retry - 1, 30);
        var backoff = initial.Ticks >= max.Ticks / factor ? max : initial * factor;
        return backoff * (1 - JitterSpread * Math.Clamp(jitter, 0, 1));
    }
}
