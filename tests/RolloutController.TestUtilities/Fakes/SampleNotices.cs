using RolloutController.Analysis;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.TestUtilities.Fakes;

/// <summary>A realistic policy and the notices it produces, for tests of whatever consumes notices.</summary>
internal static class SampleNotices
{
    public static readonly DateTimeOffset At = new(2026, 11, 3, 14, 5, 0, TimeSpan.Zero);

    public const string ErrorRateQuery =
        "sum(rate(http_requests_total{flag=\"new-checkout\",code=~\"5..\"}[5m])) / sum(rate(http_requests_total{flag=\"new-checkout\"}[5m]))";

    public const string LatencyQuery =
        "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{flag=\"new-checkout\"}[5m])))";

    public static RolloutPolicy Policy(params string[] notify) => new(
        new PolicyMetadata("new-checkout-rollout", "team-payments", FlagType.Release, "New checkout flow (PAY-1234)",
            new RemovalSpec("100% for two weeks", new DateOnly(2027, 1, 15))),
        new FlagSpec("new-checkout"),
        RolloutPolicy.DefaultStages,
        new AnalysisSpec(TimeSpan.FromMinutes(1),
        [
            new GuardrailSpec("error-rate", ErrorRateQuery, Max: 0.01, Min: null),
            new GuardrailSpec("p99-latency", LatencyQuery, Max: 0.8, Min: null),
        ]),
        notify.Length == 0 ? ["oncall"] : notify,
        "policies/new-checkout.yaml",
        "sha256:abc123");

    /// <summary>error-rate failed twice in a row at stage 2 (10%): rolled back to 0%.</summary>
    public static RolloutNotice Rollback()
    {
        var errorRate = new Measurement("error-rate", Verdict.Fail, 0.034, "max 0.01", ErrorRateQuery, "0.034 is above max 0.01", At);
        var latency = new Measurement("p99-latency", Verdict.Pass, 0.42, "max 0.8", LatencyQuery, "0.42 is within max 0.8", At);
        var transition = new Transition("new-checkout", RolloutTrigger.Rollback, RolloutPhase.Observing, RolloutPhase.RolledBack,
            FromStage: 1, ToStage: 1, FromWeight: 10m, ToWeight: 0m, "controller", "guardrail error-rate failed 2 times in a row", At);
        return new RolloutNotice(
            NoticeKind.RolledBack,
            NoticeSeverity.Critical,
            "new-checkout",
            // As the decider words it: the numbers are in the measurements, and the notification's headline shows them.
            "'new-checkout' rolled back to 0% from 10%: guardrail error-rate failed",
            "Rolled back to 0%: every user gets the old behaviour",
            "Fix the cause, then: rolloutctl restart new-checkout --reason \"...\"",
            transition,
            [new BreachEvidence(errorRate, ConsecutiveFailures: 2, FailureLimit: 2, FailingSince: At.AddMinutes(-1))],
            [errorRate, latency]);
    }
}
