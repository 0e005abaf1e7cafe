using System.Text;

namespace RolloutController.Telemetry;

/// <summary>Cumulative bucket counts, sum and count per series, written as <c>_bucket{le=...}</c>, <c>_sum</c> and <c>_count</c>.</summary>
internal sealed class HistogramAggregator(string name, string help, IReadOnlyList<double> bounds) : MetricAggregator(name, "histogram", help)
{
    /// <summary>Upper bounds in seconds for query and request latencies: 5 ms to 1 minute.</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly double[] _bounds = [.. bounds.Order()];
    private readonly SortedDictionary<string, Series> _series = new(StringComparer.Ordinal);

    public override void Record(double value, LabelSet labels)
    {
        if (double.IsNaN(value)) return; // belongs to no bucket and would poison _sum
        lock (Gate)
        {
            if (!_series.TryGetValue(labels.Rendered, out var series))
                _series[labels.Rendered] = series = new Series(labels, _bounds.Length);
            // Bucket i holds values <= bounds[i]; the last slot is +Inf.
            var index = Array.BinarySearch(_bounds, value);
            series.Counts[index >= 0 ? index : ~index]++;
            series.Sum += value;
            series.Count++;
        }
    }

    public override void Reset()
    {
        lock (Gate) _series.Clear();
    }

    protected override void WriteSamples(StringBuilder output)
    {
        foreach (var series in _series.Values)
        {
            long cumulative = 0;
            for (var i = 0; i < _bounds.Length; i++)
            {
                cumulative += series.Counts[i];
                PrometheusText.AppendSample(output, Name + "_bucket", series.Labels.RenderWith("le", PrometheusText.FormatValue(_bounds[i])), cumulative);
            }
            PrometheusText.AppendSample(output, Name + "_bucket", series.Labels.RenderWith("le", "+Inf"), series.Count);
            PrometheusText.AppendSample(output, Name + "_sum", series.Labels.Rendered, series.Sum);
            PrometheusText.AppendSample(output, Name + "_count", series.Labels.Rendered, series.Count);
        }
    }

    private sealed class Series(LabelSet labels, int boundCount)
    {
        public LabelSet Labels { get; } = labels;
        public long[] Counts { get; } = new long[boundCount + 1];
        public double Sum { get; set; }
        public long Count { get; set; }
    }
}
