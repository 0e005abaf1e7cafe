using System.Diagnostics.Metrics;

namespace RolloutController.Telemetry;

/// <summary>Maps a <see cref="System.Diagnostics.Metrics"/> instrument to its Prometheus metric type, name and aggregation.</summary>
internal static class InstrumentMapping
{
    /// <summary>The aggregator for <paramref name="instrument"/>, or null for an instrument kind Prometheus has no type for.</summary>
    public static MetricAggregator? CreateAggregator(Instrument instrument, string prefix)
    {
        var kind = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : null;
        var baseName = prefix + PrometheusText.SanitizeName(instrument.Name) + PrometheusText.UnitSuffix(instrument.Unit);
        var help = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;
        if (kind == typeof(Counter<>)) return new ValueAggregator(CounterName(baseName), "counter", help, accumulate: true);
        if (kind == typeof(ObservableCounter<>)) return new ValueAggregator(CounterName(baseName), "counter", help, accumulate: false);
        if (kind == typeof(UpDownCounter<>)) return new ValueAggregator(baseName, "gauge", help, accumulate: true);
        if (kind == typeof(ObservableUpDownCounter<>) || kind == typeof(ObservableGauge<>) || kind == typeof(Gauge<>))
            return new ValueAggregator(baseName, "gauge", help, accumulate: false);
        if (kind == typeof(Histogram<>))
            return new HistogramAggregator(baseName, help, BucketAdvice(instrument) ?? HistogramAggregator.LatencyBuckets);
        return null;
    }

    private static string CounterName(string baseName) => baseName.EndsWith("_total", StringComparison.Ordinal) ? baseName : baseName + "_total";

    private static IReadOnlyList<double>? BucketAdvice(Instrument instrument) => instrument switch
    {
        Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
        Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
        Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
        _ => null,
    };
}
