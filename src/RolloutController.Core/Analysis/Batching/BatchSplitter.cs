namespace RolloutController.Analysis.Batching;

/// <summary>Turns one batched answer into the answer each flag's own query would have given.</summary>
internal static class BatchSplitter
{
    /// <param name="label">The label carrying the flag.</param>
    /// <param name="labelAdded">True when the single query's series lack the label: it is removed again.</param>
    /// <param name="flags">The flags of the batch; every one gets an answer.</param>
    /// <param name="answer">The batched query's answer.</param>
    public static IReadOnlyDictionary<string, VectorOutcome> Split(string label, bool labelAdded, IReadOnlyList<string> flags, VectorOutcome answer)
    {
        var byFlag = new Dictionary<string, List<LabeledSample>>(StringComparer.Ordinal);
        foreach (var flag in flags) byFlag.TryAdd(flag, []);
        // The batch failed as a whole, so each flag's measurement fails with it: the same error, never an empty answer.
        if (answer.Kind == QueryOutcomeKind.Error)
            return byFlag.ToDictionary(p => p.Key, _ => answer, StringComparer.Ordinal);

        // The batched matcher selects only these flags, so no series of another flag can come back. Prometheus treats a
        // missing label as the empty string, as LabeledSample.Label does.
        foreach (var series in answer.Series)
            if (byFlag.TryGetValue(series.Label(label), out var samples)) samples.Add(labelAdded ? Without(series, label) : series);
        return byFlag.ToDictionary(p => p.Key, p => VectorOutcome.Of(p.Value), StringComparer.Ordinal);
    }

    private static LabeledSample Without(LabeledSample series, string label) =>
        series with { Labels = series.Labels.Where(l => l.Key != label).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal) };
}
