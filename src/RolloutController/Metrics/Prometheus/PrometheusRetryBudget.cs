using RolloutController.Time;

namespace RolloutController.Metrics.Prometheus;

/// <summary>
/// How a query's attempts share its <see cref="QueryBudget"/>. Pure. Each attempt is bounded by
/// <see cref="PrometheusOptions.Timeout"/> and by what is left of the budget; a transient failure is retried only when
/// the backoff (<see cref="ExponentialBackoff"/> from <see cref="PrometheusOptions.RetryDelay"/>), shortened if need be,
/// still leaves the retry <see cref="MinAttempt"/> before the budget ends.
/// </summary>
internal static class PrometheusRetryBudget
{
    /// <summary>The shortest attempt worth making, 100 ms: a retry that would get less is not made.</summary>
    public static readonly TimeSpan MinAttempt = TimeSpan.FromMilliseconds(100);

    /// <summary>The timeout of an attempt starting with <paramref name="remaining"/> of the budget left.</summary>
    public static TimeSpan AttemptTimeout(TimeSpan timeout, TimeSpan remaining) =>
        remaining >= timeout ? timeout : remaining > MinAttempt ? remaining : MinAttempt;

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based), or null when no retry fits the budget.</summary>
    /// <param name="retryDelay">Wait before the first retry (<see cref="PrometheusOptions.RetryDelay"/>).</param>
    /// <param name="jitter">A sample in [0, 1).</param>
    /// <param name="remaining">What is left of the budget now, as the failed attempt ends.</param>
    public static TimeSpan? DelayBeforeRetry(TimeSpan retryDelay, int retry, double jitter, TimeSpan remaining)
    {
        // A backoff cut short to nothing would retry at once, again and again, until the retries run out.
        var room = remaining - MinAttempt;
        if (room <= TimeSpan.Zero) return null;
        // Cut after jitter: a shortened wait leaves the retry exactly MinAttempt, so it is the last one.
        var backoff = ExponentialBackoff.Delay(retryDelay, TimeSpan.MaxValue, retry, jitter);
        return backoff < room ? backoff : room;
    }
}
