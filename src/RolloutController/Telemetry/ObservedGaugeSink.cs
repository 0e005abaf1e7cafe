using Prometheus;

namespace RolloutController.Telemetry;

/// <summary>
/// An <c>ObservableGauge&lt;T&gt;</c> as a Prometheus gauge, observed at each scrape between <see cref="BeginPass"/> and
/// <see cref="EndPass"/>: a series its callback no longer reports (a finished rollout, a rollout's previous phase) is
/// removed at the end of the pass, so it disappears from the scrape.
/// </summary>
internal sealed class ObservedGaugeSink(Gauge gauge, IReadOnlyList<string> labelNames) : MetricSink(labelNames)
{
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    public void BeginPass() => _reported.Clear();

    public void EndPass()
    {
        foreach (var labelValues in gauge.GetAllLabelValues().ToList())
            if (!_reported.Contains(Key(labelValues))) gauge.RemoveLabelled(labelValues);
    }

    protected override void Record(double value, ReadOnlySpan<string> labelValues)
    {
        gauge.WithLabels(labelValues).Set(value);
        _reported.Add(Key(labelValues));
    }

    // Each value prefixed with its length, so no two label sets share a key whatever characters the values hold.
    private static string Key(ReadOnlySpan<string> labelValues)
    {
        var key = new System.Text.StringBuilder();
        foreach (var value in labelValues) key.Append(value.Length).Append(':').Append(value);
        return key.ToString();
    }
}
