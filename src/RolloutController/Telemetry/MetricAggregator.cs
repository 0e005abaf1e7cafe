using System.Text;

namespace RolloutController.Telemetry;

/// <summary>Accumulates one instrument's measurements per label set and writes them as one Prometheus metric family.</summary>
internal abstract class MetricAggregator(string name, string type, string help)
{
    protected readonly Lock Gate = new();

    /// <summary>Exposed metric name, prefix and suffixes included.</summary>
    public string Name { get; } = name;

    public abstract void Record(double value, LabelSet labels);

    /// <summary>Forgets every series; used for observable instruments before their callbacks run at scrape time.</summary>
    public abstract void Reset();

    public void Write(StringBuilder output)
    {
        PrometheusText.AppendHeader(output, Name, type, help);
        lock (Gate) WriteSamples(output);
    }

    /// <summary>Writes the samples, series in ordinal order of their labels. Called under <see cref="Gate"/>.</summary>
    protected abstract void WriteSamples(StringBuilder output);
}
