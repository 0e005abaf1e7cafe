using RolloutController.Analysis;

namespace RolloutController.Metrics.Prometheus;

/// <summary>What one HTTP attempt against Prometheus produced.</summary>
/// <param name="Outcome">The query outcome this attempt would report.</param>
/// <param name="ErrorReason">The <c>reason</c> tag for the query error counter; null when the query itself succeeded.</param>
/// <param name="Transient">True when another attempt may succeed (unreachable, timeout, 5xx, 429).</param>
internal sealed record PrometheusAttempt(QueryOutcome Outcome, string? ErrorReason, bool Transient)
{
    public static PrometheusAttempt Succeeded(QueryOutcome outcome) => new(outcome, null, false);

    public static PrometheusAttempt Failed(string reason, string detail, bool transient) =>
        new(QueryOutcome.Failed(detail), reason, transient);
}
