using RolloutController.TestUtilities.Prometheus;

namespace RolloutController.IntegrationTests.Backtesting;

/// <summary>
/// Six hours of request counters for flag <see cref="Flag"/>, ending two hours ago: both cohorts healthy (0.05% and
/// 0.1% errors), then from <see cref="BurstAt"/> (hour 3) the flag-on cohort fails 2 of every 12 requests.
/// </summary>
internal static class CheckoutHistory
{
    public const string Flag = "bt-checkout";
    public static readonly TimeSpan Length = TimeSpan.FromHours(6);
    public static readonly TimeSpan Burst = TimeSpan.FromHours(3);
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(15);

    public static CounterHistory Create(DateTimeOffset now)
    {
        var start = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero) - Length - TimeSpan.FromHours(2);
        var history = new CounterHistory(start, start + Length, Step);
        history.Counter("http_requests", Labels("on", "200"), t => 10 * t.TotalSeconds);
        history.Counter("http_requests", Labels("on", "500"), t =>
            0.005 * Math.Min(t.TotalSeconds, Burst.TotalSeconds) + 2 * Math.Max(0, (t - Burst).TotalSeconds));
        history.Counter("http_requests", Labels("off", "200"), t => 20 * t.TotalSeconds);
        history.Counter("http_requests", Labels("off", "500"), t => 0.02 * t.TotalSeconds);
        return history;
    }

    private static Dictionary<string, string> Labels(string variant, string code) =>
        new() { ["flag"] = Flag, ["variant"] = variant, ["code"] = code };
}
