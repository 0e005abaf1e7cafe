namespace RolloutController.Analysis;

/// <summary>The <c>by (…)</c> or <c>without (…)</c> of an aggregation.</summary>
internal sealed record GroupingClause(bool Without, IReadOnlySet<string> Labels)
{
    public bool Keeps(string label) => Without ? !Labels.Contains(label) : Labels.Contains(label);
}
