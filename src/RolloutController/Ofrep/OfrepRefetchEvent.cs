namespace RolloutController.Ofrep;

/// <summary>
/// The <c>data</c> of an OFREP event-stream message (ADR-0008): the flag configuration changed, refetch the bulk
/// evaluation. The provider passes <see cref="Etag"/> back as <c>flagConfigEtag</c>.
/// </summary>
/// <param name="Type">Always <c>refetchEvaluation</c>.</param>
/// <param name="Etag">The flag catalog's ETag after the change (quoted, as in HTTP).</param>
/// <param name="LastModified">When the change was served, Unix seconds.</param>
internal sealed record OfrepRefetchEvent(string Type, string Etag, long LastModified);
