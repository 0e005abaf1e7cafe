using Prometheus;

namespace RolloutController.Telemetry;

/// <summary>A <c>Histogram&lt;T&gt;</c> as a Prometheus histogram with the instrument's advised buckets.</summary>
internal sealed class HistogramSink(Histogram histogram, IReadOnlyList<string> labelNames) : MetricSink(labelNames)
{
    protected override void Record(double value, ReadOnlySpan<string> labelValues)
    {
        // NaN belongs to no bucket and would poison _sum.
        if (!double.IsNaN(value)) histogram.WithLabels(labelValues).Observe(value);
    }
}
