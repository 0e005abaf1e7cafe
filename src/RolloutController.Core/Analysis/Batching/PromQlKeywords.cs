namespace RolloutController.Analysis.Batching;

/// <summary>PromQL's reserved words (matched in any case, as Prometheus's lexer does).</summary>
internal static class PromQlKeywords
{
    /// <summary>Aggregations that take only an expression: grouping decides which series they merge.</summary>
    public static readonly IReadOnlySet<string> SimpleAggregations = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "sum", "avg", "min", "max", "count", "group", "stddev", "stdvar",
    };

    /// <summary>Aggregations with a parameter before the expression (<c>topk(3, …)</c>).</summary>
    public static readonly IReadOnlySet<string> ParametricAggregations = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "topk", "bottomk", "quantile", "count_values", "limitk", "limit_ratio",
    };

    /// <summary>Binary operators spelt as words.</summary>
    public static readonly IReadOnlySet<string> SetOperators = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "and", "or", "unless" };

    private static readonly HashSet<string> Others = new(StringComparer.OrdinalIgnoreCase)
    {
        "atan2", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "bool",
    };

    public static bool IsKeyword(string word) =>
        SimpleAggregations.Contains(word) || ParametricAggregations.Contains(word) || SetOperators.Contains(word) || Others.Contains(word);
}
