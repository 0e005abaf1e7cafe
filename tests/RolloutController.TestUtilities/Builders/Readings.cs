using RolloutController.Analysis;
using RolloutController.Analysis.Cohorts;
using RolloutController.Analysis.Statistics;
using RolloutController.Policies;

namespace RolloutController.TestUtilities.Builders;

/// <summary>Guardrails of every kind and the readings a metrics backend would return for them, for tests of pure analysis.</summary>
public static class Readings
{
    public const string PerCohortQuery = "sum(rate(latency{flag=\"{{ flag }}\",variant=\"{{ variant }}\"}[5m]))";

    internal static GuardrailSpec Comparison(Margin margin, MetricDirection direction = MetricDirection.LowerIsBetter, double? max = null,
        NoDataAction onNoData = NoDataAction.Hold) =>
        new("latency", PerCohortQuery, max, null, 2, onNoData) { Kind = GuardrailKind.Comparison, Margin = margin, Direction = direction };

    internal static GuardrailSpec Sequential(long minSamples = 100, MetricDirection direction = MetricDirection.LowerIsBetter, double alpha = 0.05) =>
        new("errors", "", null, null)
        {
            Kind = GuardrailKind.Sequential,
            Numerator = "sum(increase(errors{variant=\"{{ variant }}\"}[{{ window }}]))",
            Denominator = "sum(increase(requests{variant=\"{{ variant }}\"}[{{ window }}]))",
            Margin = Margin.None,
            Direction = direction,
            Alpha = alpha,
            MinSamples = minSamples,
        };

    internal static GuardrailSpec PerPlan(SegmentBreachAction onBreach = SegmentBreachAction.Rollback, int failureLimit = 2) =>
        new("plan-errors", "sum by (plan) (rate(errors{variant=\"on\"}[5m]))", 0.05, null, failureLimit) { By = ["plan"], OnSegmentBreach = onBreach };

    internal static LabeledSample Series(double value, params (string Name, string Value)[] labels) =>
        new(labels.ToDictionary(l => l.Name, l => l.Value, StringComparer.Ordinal), value);

    /// <summary>One query per cohort (<c>{{ variant }}</c>); null for a cohort whose query returned nothing.</summary>
    internal static QueryReading[] PerCohort(double? on, double? off, string name = "q") =>
    [
        new(new CohortQuery($"{name}{{variant=\"on\"}}", Cohort.On), on is { } a ? VectorOutcome.Of([Series(a)]) : VectorOutcome.Empty()),
        new(new CohortQuery($"{name}{{variant=\"off\"}}", Cohort.Off), off is { } b ? VectorOutcome.Of([Series(b)]) : VectorOutcome.Empty()),
    ];

    /// <summary>One query returning every series given (grouped by variant and/or segment labels).</summary>
    internal static QueryReading Grouped(params LabeledSample[] series) => new(new CohortQuery("grouped", null), VectorOutcome.Of(series));

    /// <summary>One threshold query (the flag-on traffic) returning the series given.</summary>
    internal static QueryReading OnTraffic(params LabeledSample[] series) => new(new CohortQuery("on-traffic", Cohort.On), VectorOutcome.Of(series));

    internal static QueryReading Failed(string detail) => new(new CohortQuery("broken", Cohort.On), VectorOutcome.Failed(detail));

    /// <summary>Readings of a sequential guardrail: events and trials per cohort.</summary>
    internal static GuardrailReadings Counts(double? onEvents, double? onTrials, double? offEvents, double? offTrials) =>
        new(PerCohort(onEvents, offEvents, "events"), PerCohort(onTrials, offTrials, "trials"));
}
