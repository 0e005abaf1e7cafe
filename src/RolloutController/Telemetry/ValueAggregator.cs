using System.Text;

namespace RolloutController.Telemetry;

/// <summary>
/// One number per series: summed for counters and up-down counters, replaced for gauges and observable instruments
/// (observable counters report their cumulative total).
/// </summary>
internal sealed class ValueAggregator(string name, string type, string help, bool accumulate) : MetricAggregator(name, type, help)
{
    private readonly SortedDictionary<string, double> _series = new(StringComparer.Ordinal);

    public override void Record(double value, LabelSet labels)
    {
        lock (Gate)
        {
            _series[labels.Rendered] = accumulate && _series.TryGetValue(labels.Rendered, out var sum) ? sum + value : value;
        }
    }

    public override void Reset()
    {
        lock (Gate) _series.Clear();
    }

    protected override void WriteSamples(StringBuilder output)
    {
        foreach (var (labels, value) in _series)
            PrometheusText.AppendSample(output, Name, labels, value);
    }
}
