using RolloutController.Time;

namespace RolloutController.Notifications;

/// <summary>
/// When a failed delivery is due again. Deliveries are rows in the outbox, each attempt made by whichever replica claims
/// the row, so there is no in-process retry loop here: only the wait before the next attempt, from the one backoff rule
/// (<see cref="ExponentialBackoff"/>, <c>min(MaxBackoff, InitialBackoff · 2^(n-1))</c> less up to a quarter of jitter). A
/// receiver's <c>Retry-After</c> raises the wait, still capped at <c>MaxBackoff</c>.
/// </summary>
internal sealed record RetrySchedule(int MaxAttempts, TimeSpan InitialBackoff, TimeSpan MaxBackoff)
{
    public static RetrySchedule From(NotificationOptions options) =>
        new(options.MaxAttempts, options.InitialBackoff, options.MaxBackoff);

    /// <summary>Whether another attempt follows attempt <paramref name="attempt"/> (1-based).</summary>
    public bool HasAttemptAfter(int attempt) => attempt < MaxAttempts;

    /// <param name="attempt">The attempt that just failed, 1-based.</param>
    /// <param name="jitter">A sample in [0, 1); 0 waits the full backoff.</param>
    /// <param name="retryAfter">The receiver's <c>Retry-After</c>, if any.</param>
    public TimeSpan DelayAfter(int attempt, double jitter, TimeSpan? retryAfter = null)
    {
        var delay = ExponentialBackoff.Delay(InitialBackoff, MaxBackoff, attempt, jitter);
        if (retryAfter is { } wait && wait > delay) delay = wait;
        return delay > MaxBackoff ? MaxBackoff : delay;
    }
}
