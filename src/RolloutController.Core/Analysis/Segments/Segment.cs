namespace RolloutController.Analysis.Segments;

/// <summary>
/// A slice of traffic named by Prometheus label values (<c>plan="free"</c>, or several labels together), as selected by a
/// guardrail's <c>by</c>. Labels are kept sorted by name; equality is by content.
/// </summary>
internal sealed record Segment
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

    /// <summary><c>plan=free</c>, <c>plan=free,region=eu</c>; <c>all</c> for <see cref="All"/>.</summary>
    public override string ToString() => IsAll ? "all" : string.Join(",", Labels.Select(l => $"{l.Name}={l.Value}"));
}
