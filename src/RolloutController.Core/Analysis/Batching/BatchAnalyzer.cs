namespace RolloutController.Analysis.Batching;

/// <summary>Decides whether a query batches: <see cref="BatchTemplate.Analyze"/>.</summary>
internal static class BatchAnalyzer
{
    public static BatchAnalysis Analyze(string query)
    {
        var unrendered = QueryTemplate.Variables(query).Select(v => v.Name).Where(n => n != QueryTemplate.Flag).Distinct().ToList();
        if (unrendered.Count > 0)
            return BatchAnalysis.NotBatchable(
                $"render every variable but {{{{ flag }}}} first; left: {string.Join(", ", unrendered.Select(n => $"{{{{ {n} }}}}"))}");

        var tokens = PromQlTokenizer.Tokenize(query);
        // A placeholder in a comment changes nothing Prometheus evaluates.
        var uses = QueryTemplate.Variables(query).Select(v => v.Offset)
            .Where(offset => !tokens.Any(t => t.Kind == PromQlTokenKind.Comment && t.Start <= offset && offset < t.End))
            .ToList();
        if (uses.Count == 0) return BatchAnalysis.FlagIndependent();
        if (tokens[^1] is { Kind: PromQlTokenKind.Error } error)
            return BatchAnalysis.NotBatchable($"the query is not valid PromQL: {error.Value}");
        var outside = uses.Where(offset => !tokens.Any(t => t.Kind == PromQlTokenKind.String && t.Start < offset && offset < t.End)).ToList();
        if (outside.Count > 0)
            return BatchAnalysis.NotBatchable($"{{{{ flag }}}} at offset {outside[0]} stands outside a string; write it as a label matcher's value (flag=\"{{{{ flag }}}}\")");

        var code = tokens.Where(t => t.Kind != PromQlTokenKind.Comment).ToList();
        var edits = new List<TextEdit>();
        if (FlagMatchers.Rewrite(code, edits, out var label) is { } refusal) return BatchAnalysis.NotBatchable(refusal);
        if (BatchRewriter.Rewrite(query, code, label, edits, out var reason) is not { } labelAdded) return BatchAnalysis.NotBatchable(reason);
        return BatchAnalysis.Batchable(new BatchTemplate(query, label, labelAdded, TextEdit.Apply(query, edits)));
    }
}
