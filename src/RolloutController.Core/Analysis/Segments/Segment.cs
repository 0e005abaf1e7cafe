using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RolloutController.Analysis.Segments;

/// <summary>
/// A slice of traffic named by Prometheus label values (<c>plan="free"</c>, or several labels together), as selected by a
/// guardrail's <c>by</c>. Labels are kept sorted by name; equality is by content.
/// </summary>
internal sealed partial record Segment
{
    public Segment(IEnumerable<SegmentLabel> labels) =>
        Labels = labels.OrderBy(l => l.Name, StringComparer.Ordinal).ToArray();

    /// <summary>The segment of everything: a guardrail without <c>by</c>.</summary>
    public static Segment All { get; } = new([]);

    public IReadOnlyList<SegmentLabel> Labels { get; }

    public bool IsAll => Labels.Count == 0;

    public static Segment Of(params (string Name, string Value)[] labels) => new(labels.Select(l => new SegmentLabel(l.Name, l.Value)));

    /// <summary>
    /// True when an evaluation context matches every label: <paramref name="attribute"/> returns the context's value for a
    /// label name, or null when the context does not carry it.
    /// </summary>
    public bool Matches(Func<string, string?> attribute)
    {
        if (IsAll) return false;
        foreach (var label in Labels)
            if (!string.Equals(attribute(label.Name), label.Value, StringComparison.Ordinal)) return false;
        return true;
    }

    public bool Equals(Segment? other) => other is not null && Labels.SequenceEqual(other.Labels);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var label in Labels) hash.Add(label);
        return hash.ToHashCode();
    }

    /// <summary>
    /// As label matchers: <c>plan="free"</c>, <c>plan="free",region="eu"</c> (values escaped as in PromQL), <c>all</c> for
    /// <see cref="All"/>. <see cref="TryParse"/> reads it back.
    /// </summary>
    public override string ToString() =>
        IsAll ? "all" : string.Join(",", Labels.Select(l => $"{l.Name}=\"{QueryTemplate.EscapeStringContent(l.Value)}\""));

    /// <summary>Reads what <see cref="ToString"/> wrote.</summary>
    public static bool TryParse(string text, out Segment segment)
    {
        segment = All;
        if (text == "all") return true;
        var labels = new List<SegmentLabel>();
        var at = 0;
        while (at < text.Length)
        {
            var match = LabelPattern().Match(text, at);
            if (!match.Success || match.Index != at) return false;
            labels.Add(new SegmentLabel(match.Groups["name"].Value, Unescape(match.Groups["value"].Value)));
            at = match.Index + match.Length;
            if (at < text.Length && text[at++] != ',') return false;
        }
        if (labels.Count == 0) return false;
        segment = new Segment(labels);
        return true;
    }

    private static string Unescape(string value)
    {
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\' || i + 1 >= value.Length)
            {
                sb.Append(value[i]);
                continue;
            }
            var c = value[++i];
            switch (c)
            {
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u' when i + 4 < value.Length:
                    sb.Append((char)int.Parse(value.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    [GeneratedRegex("""(?<name>[A-Za-z_][A-Za-z0-9_]*)="(?<value>(?:[^"\\]|\\.)*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex LabelPattern();
}
