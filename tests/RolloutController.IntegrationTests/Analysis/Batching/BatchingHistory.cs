using RolloutController.TestUtilities.Prometheus;

namespace RolloutController.IntegrationTests.Analysis.Batching;

/// <summary>
/// Seventy minutes of every metric the example policies query, for several flags, ending two hours ago. Rates differ
/// per flag, cohort, code and plan, and counters accelerate, so answers carry many significant digits. Flags
/// <see cref="Decoys"/> are named so that an unescaped regex of a queried key would select them; <see cref="Idle"/> has
/// only zeros (ratios are NaN); <see cref="OffOnly"/> has no flag-on series; <see cref="Ghost"/> has no series at all.
/// </summary>
internal static class BatchingHistory
{
    public const string Idle = "idle-flag";
    public const string OffOnly = "off-only";
    public const string Ghost = "ghost";

    public static readonly TimeSpan Length = TimeSpan.FromMinutes(70);
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>Flags with series; the regex metacharacters in the keys must not select <see cref="Decoys"/>.</summary>
    public static readonly string[] WithData = ["new-checkout", "checkout-payment-form", "payments.fallback-processor", "search.ranking-v2", "a+b", OffOnly, Idle];

    public static readonly string[] Decoys = ["paymentsXfallback-processor", "aab"];

    /// <summary>What the tests query: every flag with data and one without.</summary>
    public static readonly string[] Queried = [.. WithData, Ghost];

    private static readonly string[] Buckets = ["0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"];

    public static CounterHistory Create(DateTimeOffset now)
    {
        var start = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero) - Length - TimeSpan.FromHours(2);
        var history = new CounterHistory(start, start + Length, Step);
        var flags = WithData.Concat(Decoys).ToList();
        for (var k = 0; k < flags.Count; k++)
        {
            var flag = flags[k];
            var scale = flag == Idle ? 0 : 1 + k * 0.731;
            foreach (var variant in flag == OffOnly ? new[] { "off" } : ["on", "off"])
                AddFlag(history, flag, variant, scale * (variant == "on" ? 1 : 1.618), k);
        }
        return history;
    }

    private static void AddFlag(CounterHistory history, string flag, string variant, double rate, int k)
    {
        Dictionary<string, string> Labels(params (string Name, string Value)[] more)
        {
            var labels = new Dictionary<string, string> { ["flag"] = flag, ["variant"] = variant };
            foreach (var (name, value) in more) labels[name] = value;
            return labels;
        }

        foreach (var plan in new[] { "free", "pro" })
        {
            var share = plan == "free" ? 1.3 : 0.7;
            history.Counter("http_requests", Labels(("code", "200"), ("plan", plan)), t => Accelerating(t, 9.7 * rate * share));
            history.Counter("http_requests", Labels(("code", "500"), ("plan", plan)), t => Accelerating(t, 0.031 * rate * share * (1 + k % 3)));
        }
        var latencyScale = 0.2 + 0.05 * k + (variant == "on" ? 0.03 : 0);
        foreach (var le in Buckets)
        {
            var fraction = le == "+Inf" ? 1 : 1 - Math.Exp(-double.Parse(le, System.Globalization.CultureInfo.InvariantCulture) / latencyScale);
            history.HistogramBucket("http_request_duration_seconds", Labels(), le, t => Accelerating(t, 9.9 * rate * fraction));
            history.HistogramBucket("search_request_duration_seconds", Labels(), le, t => Accelerating(t, 3.3 * rate * Math.Pow(fraction, 1.3)));
        }
        history.Counter("checkout_started", Labels(), t => Accelerating(t, 1.1 * rate));
        history.Counter("checkout_completed", Labels(), t => Accelerating(t, 0.043 * rate * (variant == "on" ? 1.1 : 1)));
        history.Counter("feature_flag_evaluations", Labels(), t => Accelerating(t, 12.1 * rate));
        history.Counter("payments", Labels(("outcome", "ok")), t => Accelerating(t, 2.2 * rate));
        history.Counter("payments", Labels(("outcome", "failed")), t => Accelerating(t, 0.017 * rate));
        history.Counter("search_queries", Labels(), t => Accelerating(t, 4.4 * rate));
        history.Counter("search_result_clicks", Labels(), t => Accelerating(t, 0.87 * rate));
        history.Counter("search_zero_results", Labels(), t => Accelerating(t, 0.13 * rate));
    }

    /// <summary>A counter whose rate grows over the history, so every window gives another rate.</summary>
    private static double Accelerating(TimeSpan t, double ratePerSecond) =>
        ratePerSecond * (t.TotalSeconds + t.TotalSeconds * t.TotalSeconds / 7200);
}
