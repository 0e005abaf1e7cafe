using RolloutController.Analysis;

namespace RolloutController.Metrics;

/// <summary>A source of guardrail measurements. Never throws for backend failures: they come back as <see cref="QueryOutcomeKind.Error"/>.</summary>
internal interface IMetricsProvider
{
    /// <summary>
    /// Evaluates an instant query expected to yield one series, at <paramref name="at"/> or now, its attempts together
    /// within <paramref name="budget"/>.
    /// </summary>
    Task<QueryOutcome> QueryScalarAsync(string query, DateTimeOffset? at, QueryBudget budget, CancellationToken cancellationToken);

    /// <summary>
    /// Evaluates an instant query that may yield several series (one per cohort or segment), each with its labels, at
    /// <paramref name="at"/> or now, within <paramref name="budget"/>. A provider that cannot return labelled series
    /// answers with an error outcome.
    /// </summary>
    Task<VectorOutcome> QueryVectorAsync(string query, DateTimeOffset? at, QueryBudget budget, CancellationToken cancellationToken) =>
        Task.FromResult(VectorOutcome.Failed($"the metrics provider {GetType().Name} cannot return several labelled series"));

    /// <summary>
    /// A link people open to see <paramref name="query"/> in the backend's own UI, or null when it has none.
    /// </summary>
    string? GraphLink(string query) => null;
}
