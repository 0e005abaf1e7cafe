namespace RolloutController.Analysis.Batching;

/// <summary>One batched query and the flags it measures, in the order of its alternation.</summary>
internal sealed record QueryBatch(string Query, IReadOnlyList<string> Flags);
