namespace RolloutController.Backtesting;

/// <summary>The replayed period and the cadence of its measurement rounds.</summary>
/// <param name="From">First instant replayed: the rollout starts here and is measured at once.</param>
/// <param name="To">Last instant a round may be taken at (inclusive).</param>
/// <param name="Interval">Time between rounds (the policy's analysis interval unless overridden).</param>
internal sealed record BacktestRange(DateTimeOffset From, DateTimeOffset To, TimeSpan Interval)
{
    /// <summary>Most interval rounds one backtest may take; a longer replay needs a larger interval.</summary>
    public const long MaxRounds = 100_000;

    /// <summary>Rounds on the interval grid: at <see cref="From"/>, From + Interval, … up to <see cref="To"/>.</summary>
    public long IntervalRounds => (To - From).Ticks / Interval.Ticks + 1;

    /// <summary>Instant of grid round <paramref name="index"/> (0 is <see cref="From"/>), exact to the tick.</summary>
    public DateTimeOffset RoundAt(long index) => From + TimeSpan.FromTicks(Interval.Ticks * index);
}
