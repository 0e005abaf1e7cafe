namespace RolloutController.Metrics;

/// <summary>
/// Links people open to see a guardrail's query in the metrics backend's own UI; notifications carry one per guardrail.
/// Beside <see cref="IMetricsProvider"/>: the backend that answers the queries also says where to look at them.
/// </summary>
internal interface IQueryLinks
{
    /// <summary>A link showing <paramref name="query"/>, or null when the backend has no UI to link to.</summary>
    string? GraphLink(string query);
}
