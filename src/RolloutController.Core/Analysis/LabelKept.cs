namespace RolloutController.Analysis;

/// <summary>What the outermost aggregations of a query do to one label.</summary>
internal enum LabelKept
{
    /// <summary>No aggregation: every label of the selected series survives.</summary>
    NoAggregation,

    /// <summary>Every outermost aggregation keeps it (<c>by (label)</c>, or <c>without (…)</c> not naming it).</summary>
    Kept,

    /// <summary>At least one outermost aggregation drops it.</summary>
    Dropped,
}
