using System.Buffers;
using System.Globalization;

namespace RolloutController.Telemetry;

/// <summary>
/// Receives one instrument's measurements and records them in its prometheus-net collector. Label values are taken from
/// the measurement's tags by name, in the collector's label order; a declared label the measurement lacks is exported as
/// an empty value (which Prometheus treats as no label), a tag that was not declared is not exported.
/// </summary>
internal abstract class MetricSink(IReadOnlyList<string> labelNames)
{
    /// <summary>Label names in the collector's order.</summary>
    protected string[] LabelNames { get; } = [.. labelNames];

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var buffer = ArrayPool<string>.Shared.Rent(LabelNames.Length);
        try
        {
            var values = buffer.AsSpan(0, LabelNames.Length);
            values.Fill("");
            foreach (var tag in tags)
            {
                var index = Array.IndexOf(LabelNames, tag.Key);
                if (index >= 0) values[index] = Format(tag.Value);
            }
            Record(value, values);
        }
        finally
        {
            ArrayPool<string>.Shared.Return(buffer, clearArray: true);
        }
    }

    /// <summary>Records <paramref name="value"/> for the series with <paramref name="labelValues"/> (in <see cref="LabelNames"/> order).</summary>
    protected abstract void Record(double value, ReadOnlySpan<string> labelValues);

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
