using System.Globalization;
using System.Text;

namespace RolloutController.TestUtilities.Prometheus;

/// <summary>
/// Synthetic counter history (counters and classic histogram buckets) as an OpenMetrics text for <c>promtool tsdb create-blocks-from openmetrics</c>: every series
/// sampled every <see cref="Step"/> from <see cref="Start"/> to <see cref="End"/>, its value given as a function of the
/// time since <see cref="Start"/>. Series of one family are written together, as OpenMetrics requires.
/// </summary>
public sealed class CounterHistory(DateTimeOffset start, DateTimeOffset end, TimeSpan step)
{
    private readonly List<(string Family, string Type, string Sample, string Labels, Func<TimeSpan, double> ValueAt)> _series = [];

    public DateTimeOffset Start { get; } = start;

    public DateTimeOffset End { get; } = end;

    public TimeSpan Step { get; } = step;

    /// <summary>Adds the series <c>{family}_total{labels}</c>; <paramref name="valueAt"/> must never decrease.</summary>
    public CounterHistory Counter(string family, IReadOnlyDictionary<string, string> labels, Func<TimeSpan, double> valueAt) =>
        Add(family, "counter", family + "_total", labels, valueAt);

    /// <summary>
    /// Adds the bucket <c>{family}_bucket{labels,le}</c> of a classic histogram; <paramref name="valueAt"/>, the count of
    /// observations up to <paramref name="le"/>, must never decrease.
    /// </summary>
    public CounterHistory HistogramBucket(string family, IReadOnlyDictionary<string, string> labels, string le, Func<TimeSpan, double> valueAt) =>
        Add(family, "histogram", family + "_bucket", new Dictionary<string, string>(labels) { ["le"] = le }, valueAt);

    /// <summary>The OpenMetrics exposition, ending with <c># EOF</c>; timestamps in seconds.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        foreach (var family in _series.GroupBy(s => s.Family, StringComparer.Ordinal))
        {
            text.Append("# TYPE ").Append(family.Key).Append(' ').AppendLine(family.First().Type);
            foreach (var (_, _, sample, labels, valueAt) in family)
            {
                for (var at = Start; at <= End; at += Step)
                {
                    var value = valueAt(at - Start).ToString("R", CultureInfo.InvariantCulture);
                    var seconds = (at.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
                    text.Append(sample).Append('{').Append(labels).Append("} ").Append(value).Append(' ').AppendLine(seconds);
                }
            }
        }
        return text.AppendLine("# EOF").ToString();
    }

    private CounterHistory Add(string family, string type, string sample, IReadOnlyDictionary<string, string> labels, Func<TimeSpan, double> valueAt)
    {
        var text = string.Join(",", labels.Select(l => $"{l.Key}=\"{l.Value.Replace("\\", @"\\").Replace("\"", "\\\"")}\""));
        _series.Add((family, type, sample, text, valueAt));
        return this;
    }
}
