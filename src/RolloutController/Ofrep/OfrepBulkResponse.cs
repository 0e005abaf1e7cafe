namespace RolloutController.Ofrep;

/// <summary>OFREP <c>bulkEvaluationSuccess</c>: every served flag, ordered by key.</summary>
internal sealed record OfrepBulkResponse(OfrepFlagResult[] Flags);
