using RolloutController.Analysis;
using RolloutController.Metrics;
using RolloutController.Policies;

namespace RolloutController.Rollouts;

/// <summary>Renders every guardrail's query for the flag, runs them concurrently and turns each outcome into a measurement.</summary>
internal sealed class GuardrailMeasurer(IMetricsProvider metrics, TimeProvider time, ILogger<GuardrailMeasurer> logger)
{
    /// <summary>Measures every guardrail of <paramref name="policy"/> for the rollout in <paramref name="state"/>.</summary>
    /// <param name="at">Evaluation time for the queries; null means now (live rounds). Backtests pass past instants.</param>
    public async Task<IReadOnlyList<Measurement>> MeasureAsync(RolloutPolicy policy, RolloutState state, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["flag"] = policy.Flag.Key };
        var tasks = policy.Analysis.Guardrails.Select(async g =>
        {
            var query = QueryTemplate.Render(g.Query, variables);
            var outcome = await metrics.QueryScalarAsync(query, at, cancellationToken);
            if (outcome.Kind == QueryOutcomeKind.Error) EngineLog.QueryFailed(logger, policy.Flag.Key, g.Name, outcome.Detail ?? "");
            return GuardrailEvaluator.Evaluate(g, query, outcome, at ?? time.GetUtcNow());
        });
        return await Task.WhenAll(tasks);
    }
}
