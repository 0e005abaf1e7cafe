namespace RolloutController.Analysis.Batching;

/// <summary>
/// A guardrail query that measures many flags at once: <c>flag="{{ flag }}"</c> becomes <c>flag=~"a|b|c"</c> and every
/// aggregation keeps the flag label, so one answer holds each flag's series and <see cref="Split"/> gives every flag
/// the answer its own query would have given (same series, labels and values at the same evaluation time). Made by
/// <see cref="Analyze"/>; the rules are in docs/policies.md, "Batched queries".
/// </summary>
internal sealed class BatchTemplate
{
    /// <summary>
    /// The longest batched query <see cref="Render"/> makes, in characters: long enough for hundreds of flags per query,
    /// short enough to keep each request, Prometheus's query log line and the compiled regex small. A flag whose query
    /// alone is longer still gets one, on its own.
    /// </summary>
    public const int MaxQueryLength = 32_768;

    /// <summary>Where the alternation stands in <see cref="Text"/>.</summary>
    public const string AlternationPlaceholder = "{{ flags }}";

    private readonly IReadOnlyList<string> _pieces;

    internal BatchTemplate(string singleQuery, string label, bool labelAdded, IReadOnlyList<string> pieces)
    {
        SingleQuery = singleQuery;
        Label = label;
        LabelAdded = labelAdded;
        _pieces = pieces;
    }

    /// <summary>The query as analysed, with <c>{{ flag }}</c> standing.</summary>
    public string SingleQuery { get; }

    /// <summary>The label that carries the flag (<c>flag</c> in <c>flag="{{ flag }}"</c>).</summary>
    public string Label { get; }

    /// <summary>True when the single query's answer lacks <see cref="Label"/> and the batched form added it; <see cref="Split"/> removes it.</summary>
    public bool LabelAdded { get; }

    /// <summary>The batched form with <see cref="AlternationPlaceholder"/> for the alternation: <c>sum by (flag) (x{flag=~"{{ flags }}"})</c>.</summary>
    public string Text => string.Join($"\"{AlternationPlaceholder}\"", _pieces);

    /// <summary>
    /// Decides whether <paramref name="query"/> batches. Every variable but <c>{{ flag }}</c> must already be rendered
    /// (<see cref="FlagPlaceholder.RenderOthers"/>); rollouts whose texts are equal share the batched queries. Never throws.
    /// </summary>
    public static BatchAnalysis Analyze(string query) => BatchAnalyzer.Analyze(query);

    /// <summary>
    /// The batched queries for <paramref name="flags"/> (duplicates dropped, order kept), as few as fit in
    /// <paramref name="maxQueryLength"/> characters each. No flags, no queries.
    /// </summary>
    public IReadOnlyList<QueryBatch> Render(IReadOnlyList<string> flags, int maxQueryLength = MaxQueryLength)
    {
        var slots = _pieces.Count - 1;
        var fixedLength = _pieces.Sum(p => p.Length) + 2 * slots;
        var batches = new List<QueryBatch>();
        var current = new List<string>();
        var escaped = new List<string>();
        var alternationLength = 0;
        foreach (var flag in flags.Distinct(StringComparer.Ordinal))
        {
            var key = FlagAlternation.Escape(flag);
            var grown = alternationLength + (escaped.Count > 0 ? 1 : 0) + key.Length;
            if (escaped.Count > 0 && fixedLength + slots * grown > maxQueryLength)
            {
                batches.Add(Batch(current, escaped));
                current = [];
                escaped = [];
                grown = key.Length;
            }
            current.Add(flag);
            escaped.Add(key);
            alternationLength = grown;
        }
        if (current.Count > 0) batches.Add(Batch(current, escaped));
        return batches;
    }

    /// <summary>
    /// Each flag's answer from the batched <paramref name="answer"/> to <paramref name="batch"/>: its series (without
    /// <see cref="Label"/> when it was added), an empty answer when it has none, and the batch's error when it failed.
    /// </summary>
    public IReadOnlyDictionary<string, VectorOutcome> Split(QueryBatch batch, VectorOutcome answer) =>
        BatchSplitter.Split(Label, LabelAdded, batch.Flags, answer);

    private QueryBatch Batch(List<string> flags, List<string> escaped) =>
        new(string.Join("\"" + string.Join('|', escaped) + "\"", _pieces), flags);
}
