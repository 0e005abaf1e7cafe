namespace RolloutController.Ofrep;

/// <summary>OFREP <c>bulkEvaluationSuccess</c>: every served flag, ordered by key, and where to listen for changes.</summary>
/// <param name="EventStreams">The event stream (ADR-0008), when this host serves one.</param>
internal sealed record OfrepBulkResponse(OfrepFlagResult[] Flags, OfrepEventStreamLink[]? EventStreams = null);
