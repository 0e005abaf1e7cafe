using RolloutController.Analysis;

namespace RolloutController.Metrics;

/// <summary>A source of guardrail measurements. Never throws for backend failures: they come back as <see cref="QueryOutcomeKind.Error"/>.</summary>
internal interface IMetricsProvider
{
    /// <summary>Evaluates an instant query expected to yield one series, at <paramref name="at"/> or now.</summary>
    Task<QueryOutcome> QueryScalarAsync(string query, DateTimeOffset? at, CancellationToken cancellationToken);
}
