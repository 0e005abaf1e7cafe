using RolloutController.Analysis;

namespace RolloutController.Metrics.Prometheus;

/// <summary>What one HTTP attempt against Prometheus produced.</summary>
/// <param name="Vector">Every series returned, or the failure.</param>
/// <param name="ErrorReason">The <c>reason</c> tag for the query error counter; null when the query itself succeeded.</param>
/// <param name="Transient">True when another attempt may succeed (unreachable, timeout, 5xx, 429).</param>
internal sealed record PrometheusAttempt(VectorOutcome Vector, string? ErrorReason, bool Transient)
{
    /// <summary>The answer read as one value (a guardrail query): several series are <see cref="QueryOutcomeKind.MultipleSeries"/>.</summary>
    public QueryOutcome Outcome => Vector.ToScalar();

    public static PrometheusAttempt Succeeded(VectorOutcome vector) => new(vector, null, false);

    public static PrometheusAttempt Failed(string reason, string detail, bool transient) =>
        new(VectorOutcome.Failed(detail), reason, transient);
}
