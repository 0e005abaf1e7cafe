using RolloutController.Rollouts;

namespace RolloutController.Backtesting;

/// <summary>Why a guardrail rolled the replayed rollout back: its last value against its bound, and the run of failures.</summary>
/// <param name="Value">The last measured value; null when the failure was a missing value with <c>onNoData: fail</c>.</param>
/// <param name="Threshold">Human-readable bound, e.g. "max 0.01".</param>
/// <param name="Detail">The measurement's own explanation, e.g. "0.167 is above max 0.01".</param>
/// <param name="FailingSince">Time of the first failure of the run.</param>
/// <param name="Query">The PromQL that was evaluated, variables substituted.</param>
internal sealed record BacktestBreach(
    string Guardrail,
    double? Value,
    string Threshold,
    string Detail,
    int ConsecutiveFailures,
    int FailureLimit,
    DateTimeOffset? FailingSince,
    string Query)
{
    public static BacktestBreach Of(BreachEvidence b) =>
        new(b.Measurement.Guardrail, b.Measurement.Value, b.Measurement.Threshold, b.Measurement.Detail,
            b.ConsecutiveFailures, b.FailureLimit, b.FailingSince, b.Measurement.Query);
}
