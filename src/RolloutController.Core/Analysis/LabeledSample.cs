namespace RolloutController.Analysis;

/// <summary>One series of an instant vector: its labels and its sample value (NaN and ±∞ included).</summary>
internal sealed record LabeledSample(IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>The label's value; Prometheus treats an absent label as the empty string.</summary>
    public string Label(string name) => Labels.TryGetValue(name, out var value) ? value : "";
}
