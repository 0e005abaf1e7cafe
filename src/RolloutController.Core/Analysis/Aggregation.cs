namespace RolloutController.Analysis;

/// <summary>One aggregation found by <see cref="PromQlGrouping"/>: operator, grouping clause (null when none) and its text.</summary>
internal sealed record Aggregation(string Operator, GroupingClause? Clause, string Text)
{
    /// <summary>Without a clause an aggregation keeps no label at all.</summary>
    public bool Keeps(string label) => Clause?.Keeps(label) ?? false;
}
