using System.Globalization;
using System.Text;

namespace RolloutController.Telemetry;

/// <summary>A series' labels sorted by name and rendered once as <c>{a="1",b="2"}</c> (empty when there are none).</summary>
internal sealed class LabelSet
{
    public static readonly LabelSet Empty = new([]);

    private readonly KeyValuePair<string, string>[] _labels;

    private LabelSet(KeyValuePair<string, string>[] labels)
    {
        _labels = labels;
        Rendered = Render(labels, null, null);
    }

    /// <summary>The label block as written after the metric name; also the series' identity.</summary>
    public string Rendered { get; }

    public static LabelSet From(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty) return Empty;
        var labels = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
            labels[i] = new(PrometheusText.SanitizeName(tags[i].Key, allowColon: false), FormatTag(tags[i].Value));
        Array.Sort(labels, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new LabelSet(labels);
    }

    public static LabelSet From(params (string Name, string Value)[] labels)
    {
        var tags = labels.Select(l => new KeyValuePair<string, object?>(l.Name, l.Value)).ToArray();
        return From(tags);
    }

    /// <summary>Renders with one more label appended last (the histogram bucket's <c>le</c>).</summary>
    public string RenderWith(string name, string value) => Render(_labels, name, value);

    private static string Render(KeyValuePair<string, string>[] labels, string? extraName, string? extraValue)
    {
        if (labels.Length == 0 && extraName is null) return "";
        var sb = new StringBuilder("{");
        foreach (var (name, value) in labels)
            sb.Append(name).Append("=\"").Append(PrometheusText.EscapeLabelValue(value)).Append("\",");
        if (extraName is not null)
            sb.Append(extraName).Append("=\"").Append(PrometheusText.EscapeLabelValue(extraValue!)).Append("\",");
        sb[^1] = '}';
        return sb.ToString();
    }

    private static string FormatTag(object? value) => value switch
    {
        null => "",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
