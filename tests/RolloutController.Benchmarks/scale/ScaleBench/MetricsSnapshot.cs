using System.Globalization;

namespace RolloutController.ScaleBench;

/// <summary>
/// One scrape of the controller's <c>/metrics</c> (Prometheus text format), and what the report takes from two of them:
/// counter deltas and the quantiles of a histogram's delta. A metric the controller does not expose (an older build)
/// reads as null, never as 0.
/// </summary>
internal sealed class MetricsSnapshot
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];
    // Families the scrape declares (# TYPE): one without samples yet, such as a counter never incremented, reads as 0.
    private readonly HashSet<string> _families = new(StringComparer.Ordinal);

    public static MetricsSnapshot Load(string path)
    {
        var snapshot = new MetricsSnapshot();
        if (!File.Exists(path)) return snapshot;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal)) snapshot._families.Add(line.Split(' ')[2]);
            if (line.Length == 0 || line[0] == '#') continue;
            var brace = line.IndexOf('{');
            var space = line.LastIndexOf(' ');
            if (space < 0) continue;
            var name = brace >= 0 && brace < space ? line[..brace] : line[..space].Trim();
            var labels = brace >= 0 && brace < space ? ParseLabels(line[(brace + 1)..line.LastIndexOf('}')]) : [];
            if (TryValue(line[(space + 1)..], out var value)) snapshot._samples.Add((name, labels, value));
        }
        return snapshot;
    }

    /// <summary>
    /// The sum of <paramref name="name"/>'s series whose labels include <paramref name="match"/>; 0 when the family is
    /// declared without such a series, null when the controller does not have the metric.
    /// </summary>
    public double? Sum(string name, params (string Label, string Value)[] match)
    {
        var values = _samples.Where(s => s.Name == name && match.All(m => s.Labels.GetValueOrDefault(m.Label) == m.Value)).Select(s => s.Value).ToList();
        if (values.Count > 0) return values.Sum();
        var family = new[] { "_bucket", "_count", "_sum" }.FirstOrDefault(s => name.EndsWith(s, StringComparison.Ordinal)) is { } suffix ? name[..^suffix.Length] : name;
        return _families.Contains(family) ? 0 : null;
    }

    /// <summary>The values of one label across <paramref name="name"/>'s series.</summary>
    public IEnumerable<string> LabelValues(string name, string label) =>
        _samples.Where(s => s.Name == name && s.Labels.ContainsKey(label)).Select(s => s.Labels[label]).Distinct();

    public static double? Delta(MetricsSnapshot before, MetricsSnapshot after, string name, params (string, string)[] match) =>
        after.Sum(name, match) is { } a ? a - (before.Sum(name, match) ?? 0) : null;

    /// <summary>Cumulative bucket counts of a histogram (all its series added), by upper bound.</summary>
    public SortedDictionary<double, double> Buckets(string histogram)
    {
        var buckets = new SortedDictionary<double, double>();
        foreach (var s in _samples.Where(s => s.Name == histogram + "_bucket" && s.Labels.ContainsKey("le")))
            if (TryValue(s.Labels["le"], out var le)) buckets[le] = buckets.GetValueOrDefault(le) + s.Value;
        return buckets;
    }

    /// <summary>
    /// The <paramref name="q"/> quantile of what a histogram counted between the scrapes (<paramref name="pairs"/>: one
    /// before/after pair per replica, added up), interpolated within its bucket as Prometheus's histogram_quantile does;
    /// null without observations. <paramref name="overflow"/>: the quantile lies above the highest finite bound.
    /// </summary>
    public static double? Quantile(IEnumerable<(MetricsSnapshot Before, MetricsSnapshot After)> pairs, string histogram, double q, out bool overflow)
    {
        overflow = false;
        var delta = new SortedDictionary<double, double>();
        foreach (var (before, after) in pairs)
        {
            var old = before.Buckets(histogram);
            foreach (var (le, count) in after.Buckets(histogram)) delta[le] = delta.GetValueOrDefault(le) + count - old.GetValueOrDefault(le);
        }
        if (delta.Count == 0 || delta.Values.Last() <= 0) return null;
        var rank = q * delta.Values.Last();
        var lower = 0.0;
        var below = 0.0;
        foreach (var (le, cumulative) in delta)
        {
            if (cumulative >= rank)
            {
                if (double.IsPositiveInfinity(le))
                {
                    overflow = true;
                    return lower;
                }
                return cumulative == below ? le : lower + (le - lower) * (rank - below) / (cumulative - below);
            }
            lower = le;
            below = cumulative;
        }
        return lower;
    }

    private static Dictionary<string, string> ParseLabels(string text)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            var eq = text.IndexOf('=', i);
            if (eq < 0) break;
            var name = text[i..eq].Trim().TrimStart(',').Trim();
            var value = new System.Text.StringBuilder();
            var j = eq + 2;
            for (; j < text.Length && text[j] != '"'; j++)
            {
                if (text[j] == '\\' && j + 1 < text.Length) j++;
                value.Append(text[j]);
            }
            labels[name] = value.ToString();
            i = j + 1;
        }
        return labels;
    }

    private static bool TryValue(string text, out double value)
    {
        switch (text)
        {
            case "+Inf": value = double.PositiveInfinity; return true;
            case "-Inf": value = double.NegativeInfinity; return true;
            case "NaN": value = double.NaN; return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
