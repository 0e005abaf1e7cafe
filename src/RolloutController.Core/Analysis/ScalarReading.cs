namespace RolloutController.Analysis;

/// <summary>The answer to a <see cref="ReadingShape.Scalar"/> question: the query as sent and what came back.</summary>
internal sealed record ScalarReading(string Query, QueryOutcome Outcome);
