using RolloutController.Analysis;

namespace RolloutController.Notifications;

/// <summary>One guardrail as a notification shows it: observed value against threshold, the query and a graph link.</summary>
/// <param name="Value">Observed value; null when the query returned nothing usable (see <paramref name="Detail"/>).</param>
/// <param name="Threshold">Human-readable bound, e.g. "max 0.01".</param>
/// <param name="Query">The PromQL actually sent, variables substituted.</param>
/// <param name="GraphUrl">The query in the metrics backend's UI (Prometheus's expression browser, last hour); null when it has none.</param>
/// <param name="ConsecutiveFailures">Failing measurements in a row; set only for a guardrail that tripped.</param>
/// <param name="FailureLimit">Failures in a row that trip the guardrail; set only for a guardrail that tripped.</param>
/// <param name="FailingSince">When the run of failures began; set only for a guardrail that tripped.</param>
/// <param name="Segment">The segment measured, as label matchers (<c>plan="free"</c>); null when it covers all traffic.</param>
/// <param name="Runbook">The guardrail's own <c>runbook</c>; null when it has none (the policy's then applies).</param>
internal sealed record GuardrailReport(
    string Name,
    Verdict Verdict,
    double? Value,
    string Threshold,
    string Query,
    string? GraphUrl,
    string Detail,
    DateTimeOffset MeasuredAt,
    int? ConsecutiveFailures = null,
    int? FailureLimit = null,
    DateTimeOffset? FailingSince = null,
    string? Segment = null,
    string? Runbook = null)
{
    /// <summary>"0.034 (max 0.01)" or "no value (max 0.01)".</summary>
    public string ValueVersusThreshold =>
        $"{(Value is { } v ? NotificationFormat.Number(v) : "no value")} ({Threshold})";
}
