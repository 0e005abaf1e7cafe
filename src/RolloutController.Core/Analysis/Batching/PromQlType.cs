namespace RolloutController.Analysis.Batching;

/// <summary>The type of a PromQL expression.</summary>
internal enum PromQlType
{
    Scalar,
    InstantVector,
    RangeVector,
    String,
}
