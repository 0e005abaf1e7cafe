using Prometheus;

namespace RolloutController.Telemetry;

/// <summary>A <c>Counter&lt;T&gt;</c> as a Prometheus counter: each measurement is an increment.</summary>
internal sealed class CounterSink(Counter counter, IReadOnlyList<string> labelNames) : MetricSink(labelNames)
{
    protected override void Record(double value, ReadOnlySpan<string> labelValues)
    {
        // A Prometheus counter never goes down; prometheus-net throws on a negative increment, inside the caller's Add.
        if (value > 0) counter.WithLabels(labelValues).Inc(value);
    }
}
