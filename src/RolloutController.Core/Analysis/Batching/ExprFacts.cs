namespace RolloutController.Analysis.Batching;

/// <summary>What batching needs to know of a subexpression.</summary>
/// <param name="Type">Its PromQL type.</param>
/// <param name="LabelAdded">
/// For a vector: true when the single query's series lack the flag label and only the batched form keeps it (an
/// aggregation that dropped it now groups by it), so splitting must remove it again; false when both carry it.
/// </param>
internal readonly record struct ExprFacts(PromQlType Type, bool LabelAdded)
{
    public static ExprFacts Scalar { get; } = new(PromQlType.Scalar, false);

    public static ExprFacts Vector(bool labelAdded) => new(PromQlType.InstantVector, labelAdded);
}
