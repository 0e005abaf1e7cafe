using RolloutController.Analysis;
using RolloutController.Metrics;
using RolloutController.Policies;

namespace RolloutController.Rollouts;

/// <summary>Renders every guardrail's query for the flag, runs them concurrently and turns each outcome into a measurement.</summary>
internal sealed class GuardrailMeasurer(IMetricsProvider metrics, TimeProvider time, ILogger<GuardrailMeasurer> logger)
{
    public async Task<IReadOnlyList<Measurement>> MeasureAsync(RolloutPolicy policy, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["flag"] = policy.Flag.Key };
        var tasks = policy.Analysis.Guardrails.Select(async g =>
        {
            var query = QueryTemplate.Render(g.Query, variables);
            var outcome = await metrics.QueryScalarAsync(query, null, cancellationToken);
            if (outcome.Kind == QueryOutcomeKind.Error) EngineLog.QueryFailed(logger, policy.Flag.Key, g.Name, outcome.Detail ?? "");
            return GuardrailEvaluator.Evaluate(g, query, outcome, time.GetUtcNow());
        });
        return await Task.WhenAll(tasks);
    }
}
