namespace RolloutController.Ofrep;

/// <summary>OFREP <c>bulkEvaluationFailure</c>: the whole request was rejected.</summary>
internal readonly record struct OfrepBulkFailure(string ErrorCode, string? ErrorDetails);
