namespace RolloutController.Notifications;

/// <summary>
/// Exponential backoff with jitter: the wait after attempt <c>n</c> is <c>min(MaxBackoff, InitialBackoff · 2^(n-1))</c>
/// scaled by a factor in [0.75, 1] ("equal-ish" jitter, so retries from many notices spread out yet never shrink to
/// nothing). A receiver's <c>Retry-After</c> raises the wait, still capped at <c>MaxBackoff</c>.
/// </summary>
internal sealed record RetrySchedule(int MaxAttempts, TimeSpan InitialBackoff, TimeSpan MaxBackoff)
{
    private const double JitterSpread = 0.25;

    public static RetrySchedule From(NotificationOptions options) =>
        new(options.MaxAttempts, options.InitialBackoff, options.MaxBackoff);

    /// <summary>Whether another attempt follows attempt <paramref name="attempt"/> (1-based).</summary>
    public bool HasAttemptAfter(int attempt) => attempt < MaxAttempts;

    /// <param name="attempt">The attempt that just failed, 1-based.</param>
    /// <param name="jitter">A sample in [0, 1); 0 waits the full backoff.</param>
    /// <param name="retryAfter">The receiver's <c>Retry-After</c>, if any.</param>
    public TimeSpan DelayAfter(int attempt, double jitter, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        // Doubling stops once past the cap, so large attempt numbers cannot overflow.
        var backoff = InitialBackoff;
        for (var i = 1; i < attempt && backoff < MaxBackoff; i++) backoff *= 2;
        if (backoff > MaxBackoff) backoff = MaxBackoff;
        var delay = backoff * (1 - JitterSpread * Math.Clamp(jitter, 0, 1));
        if (retryAfter is { } wait && wait > delay) delay = wait;
        return delay > MaxBackoff ? MaxBackoff : delay;
    }
}
