using Microsoft.Extensions.Options;
using RolloutController.Analysis;
using RolloutController.Metrics.Prometheus;
using RolloutController.Notifications;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.TestUtilities.Notifications;

/// <summary>
/// Messages every channel renders in its tests (golden files), built by the real <see cref="NotificationMessageBuilder"/>
/// from a realistic policy: runbooks, the rollout's page, a dashboard and Prometheus graph links, a per-segment guardrail.
/// Ids and times are fixed, so renderings are byte-for-byte stable.
/// </summary>
internal static class NotificationFixtures
{
    public static readonly DateTimeOffset At = new(2026, 11, 3, 14, 5, 0, TimeSpan.Zero);

    public const string FlagKey = "new-checkout";
    public const string PolicyRunbook = "https://wiki.example.com/runbooks/new-checkout";
    public const string ErrorRateRunbook = "https://wiki.example.com/runbooks/http-errors";
    public const string PrometheusUrl = "https://prometheus.example.com";
    public const string ControllerUrl = "https://rollouts.example.com";
    public const string DashboardTemplate = "https://grafana.example.com/d/rollouts?var-flag={flag}";

    public const string ErrorRateQuery =
        "sum(rate(http_requests_total{flag=\"new-checkout\",variant=\"on\",code=~\"5..\"}[5m])) / sum(rate(http_requests_total{flag=\"new-checkout\",variant=\"on\"}[5m]))";

    public const string LatencyQuery =
        "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{flag=\"new-checkout\",variant=\"on\"}[5m])))";

    public const string ConversionQuery =
        "sum by (plan) (rate(checkout_completed_total{flag=\"new-checkout\",variant=\"on\"}[30m])) / sum by (plan) (rate(checkout_started_total{flag=\"new-checkout\",variant=\"on\"}[30m]))";

    public static readonly NoticeLinks Pages = new(new Uri(ControllerUrl), DashboardTemplate);

    public static PrometheusGraphLink Graphs { get; } = new(Options.Create(new PrometheusOptions { Url = PrometheusUrl }));

    public static RolloutPolicy Policy(params string[] notify) => new(
        new PolicyMetadata("new-checkout-rollout", "team-payments", FlagType.Release, "One-page checkout to lift conversion (PAY-1234)",
            new RemovalSpec("at 100% for 7 days with guardrails green", new DateOnly(2027, 1, 15))) { Runbook = PolicyRunbook },
        new FlagSpec(FlagKey),
        RolloutPolicy.DefaultStages,
        new AnalysisSpec(TimeSpan.FromMinutes(1),
        [
            new GuardrailSpec("error-rate", ErrorRateQuery, Max: 0.01, Min: null) { Runbook = ErrorRateRunbook },
            new GuardrailSpec("p99-latency", LatencyQuery, Max: 0.8, Min: null),
            new GuardrailSpec("checkout-conversion", ConversionQuery, Max: null, Min: 0.03)
            {
                By = ["plan"],
                OnSegmentBreach = SegmentBreachAction.Exclude,
            },
        ]),
        notify.Length == 0 ? ["oncall-payments"] : notify,
        "policies/new-checkout.yaml",
        "sha256:4f2a9c");

    /// <summary>
    /// error-rate failed twice in a row at stage 2 (10%): rolled back to 0%. The evidence shows every guardrail, the
    /// per-segment one with the segment it was measured on; critical, opens an incident.
    /// </summary>
    public static NotificationMessage Rollback() => Build(RollbackNotice(), "0196f0c2a1b87c3e9d4f5a6b7c8d9e0f");

    /// <summary>checkout-conversion failed for <c>plan="free"</c>: that segment is served off; warning, no incident.</summary>
    public static NotificationMessage SegmentExcluded()
    {
        var free = Conversion("plan=\"free\"", Verdict.Fail, 0.021, "0.021 is below min 0.03");
        var transition = new Transition(FlagKey, RolloutTrigger.Exclude, RolloutPhase.Observing, RolloutPhase.Observing,
            FromStage: 1, ToStage: 1, FromWeight: 10m, ToWeight: 10m, RolloutDecider.ControllerActor,
            "checkout-conversion|plan=\"free\": 0.021 is below min 0.03 (3 consecutive failures, limit 3); segment excluded", At);
        var notice = new RolloutNotice(NoticeKind.SegmentExcluded, NoticeSeverity.Warning, FlagKey,
            "'new-checkout' excluded segment plan=\"free\" at 10%: guardrail checkout-conversion failed there",
            "Serving 'new-checkout' off to evaluation contexts with plan=\"free\"; everyone else stays at 10% and the rollout continues.",
            "Services must send plan as an evaluation-context attribute for the exclusion to apply. Fix the cause for the segment; " +
            "restarting the rollout (after an abort) includes it again.",
            transition,
            [new BreachEvidence(free, ConsecutiveFailures: 3, FailureLimit: 3, FailingSince: At.AddMinutes(-2))],
            [ErrorRate(Verdict.Pass, 0.004, "0.004 is within max 0.01"), free, Conversion("plan=\"pro\"", Verdict.Pass, 0.052, "0.052 is within min 0.03")]);
        return Build(notice, "0196f0c1d2e37a4b8c9d0e1f2a3b4c5d");
    }

    /// <summary>A person resumed the rolled-back rollout: it restarts at stage 1 and the incident is resolved; info.</summary>
    public static NotificationMessage Resolved() => Build(RestartNotice(), "0196f0e6b7c84d5e9f0a1b2c3d4e5f60", At.AddMinutes(40));

    /// <summary>The notice of <see cref="Resolved"/>: alice restarts the rolled-back rollout.</summary>
    public static RolloutNotice RestartNotice()
    {
        var at = At.AddMinutes(40);
        var transition = new Transition(FlagKey, RolloutTrigger.Restart, RolloutPhase.RolledBack, RolloutPhase.Observing,
            FromStage: 1, ToStage: 0, FromWeight: 0m, ToWeight: 1m, "alice", "fixed in 2.4.1 (INC-4211)", at);
        return new RolloutNotice(NoticeKind.Restarted, NoticeSeverity.Info, FlagKey,
            "'new-checkout' restarted at 1% by alice: fixed in 2.4.1 (INC-4211)",
            "Serving 'new-checkout' to 1% again; guardrails are measured from now on.",
            "Nothing to do; the rollout advances by itself while every guardrail passes.",
            transition, [], []);
    }

    /// <summary>Stage 2 of 4 held for its time with every guardrail passing: advanced from 1% to 10%; info.</summary>
    public static NotificationMessage Advanced() => Build(AdvanceNotice(), "0196f0a9e8d74c6b5a4f3e2d1c0b9a87");

    /// <summary>The notice of <see cref="Advanced"/>.</summary>
    public static RolloutNotice AdvanceNotice()
    {
        var transition = new Transition(FlagKey, RolloutTrigger.Advance, RolloutPhase.Observing, RolloutPhase.Observing,
            FromStage: 0, ToStage: 1, FromWeight: 1m, ToWeight: 10m, RolloutDecider.ControllerActor, "hold of 24h served; every guardrail passed", At);
        return new RolloutNotice(NoticeKind.Advanced, NoticeSeverity.Info, FlagKey,
            "'new-checkout' advanced to 10% (stage 2 of 4)",
            "Serving 'new-checkout' to 10%.",
            "Nothing to do; the next stage follows after a hold of 48h while every guardrail passes.",
            transition, [],
            [ErrorRate(Verdict.Pass, 0.004, "0.004 is within max 0.01"), Latency(0.38), Conversion("plan=\"free\"", Verdict.Pass, 0.041, "0.041 is within min 0.03")]);
    }

    /// <summary>The hourly digest of route <c>slack-releases</c>: two advances of two rollouts held over 14:00–15:00.</summary>
    public static NotificationMessage Digest()
    {
        var first = Advanced();
        var second = Build(AdvanceNotice() with
        {
            FlagKey = "search-v2",
            Summary = "'search-v2' advanced to 50% (stage 3 of 4)",
            Transition = AdvanceNotice().Transition with { FlagKey = "search-v2", FromStage = 1, ToStage = 2, FromWeight = 10m, ToWeight = 50m },
        }, "0196f0b3c4d57e6f8a9b0c1d2e3f4a5b", At.AddMinutes(25));
        var periodStart = DigestRule.PeriodStart(At, TimeSpan.FromHours(1));
        return DigestBuilder.Build(DigestRule.Id("slack-releases", periodStart, [first.Id, second.Id]), "slack-releases",
            periodStart, periodStart.AddHours(1), [first, second], periodStart.AddHours(1) + DigestRule.Grace);
    }

    public static RolloutNotice RollbackNotice()
    {
        var errorRate = ErrorRate(Verdict.Fail, 0.034, "0.034 is above max 0.01");
        var transition = new Transition(FlagKey, RolloutTrigger.Rollback, RolloutPhase.Observing, RolloutPhase.RolledBack,
            FromStage: 1, ToStage: 1, FromWeight: 10m, ToWeight: 0m, RolloutDecider.ControllerActor, "guardrail error-rate failed 2 times in a row", At);
        return new RolloutNotice(NoticeKind.RolledBack, NoticeSeverity.Critical, FlagKey,
            "'new-checkout' rolled back to 0% from 10%: guardrail error-rate failed",
            "Rolled back to 0%: every user gets the old behaviour",
            "To restart from the first stage once the cause is fixed: rolloutctl resume new-checkout --reason \"<why it is safe>\"",
            transition,
            [new BreachEvidence(errorRate, ConsecutiveFailures: 2, FailureLimit: 2, FailingSince: At.AddMinutes(-1))],
            [errorRate, Latency(0.42), Conversion("plan=\"free\"", Verdict.Fail, 0.024, "0.024 is below min 0.03"),
             Conversion("plan=\"pro\"", Verdict.Pass, 0.049, "0.049 is within min 0.03")]);
    }

    private static NotificationMessage Build(RolloutNotice notice, string id, DateTimeOffset? at = null) =>
        NotificationMessageBuilder.Build(notice, Policy(), Graphs, Pages, id, (at ?? At).AddSeconds(1));

    private static Measurement ErrorRate(Verdict verdict, double value, string detail) =>
        new("error-rate", verdict, value, "max 0.01", ErrorRateQuery, detail, At);

    private static Measurement Latency(double value) =>
        new("p99-latency", Verdict.Pass, value, "max 0.8", LatencyQuery, $"{value} is within max 0.8", At);

    private static Measurement Conversion(string segment, Verdict verdict, double value, string detail) =>
        new("checkout-conversion", verdict, value, "min 0.03", ConversionQuery, detail, At,
            new MeasurementDetails(MeasurementDetails.Threshold) { Segment = segment });
}
