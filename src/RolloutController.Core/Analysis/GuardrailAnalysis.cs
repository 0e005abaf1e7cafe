using RolloutController.Analysis.Cohorts;
using RolloutController.Analysis.Segments;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Analysis;

/// <summary>
/// Turns one round of readings into measurements for a comparison, sequential or per-segment guardrail: one
/// measurement per segment (one in all for a guardrail without <c>by</c>). Segments already excluded from the rollout are
/// left out. Pure; bad input is a verdict, never an exception.
/// </summary>
internal static class GuardrailAnalysis
{
    public static IReadOnlyList<Measurement> Evaluate(
        RolloutPolicy policy, GuardrailSpec g, RolloutState state, GuardrailReadings readings, DateTimeOffset at)
    {
        var values = CohortTable.From(readings.Values, g.By);
        var denominators = g.Kind == GuardrailKind.Sequential ? CohortTable.From(readings.Denominators, g.By) : null;
        var shownQuery = ShownQuery(readings.Values);
        var threshold = GuardrailEvaluator.Describe(g);

        if ((values.Error is not null ? values : denominators?.Error is not null ? denominators : null) is { } failed)
            return [new Measurement(g.Name, Verdict.Error, null, threshold, failed.ErrorQuery ?? shownQuery, failed.Error!, at,
                new MeasurementDetails(Method(g)))];

        var note = CohortTable.IgnoredNote(values, denominators);
        var returned = values.Segments.Concat(denominators?.Segments ?? []).Distinct().ToList();
        var segments = g.IsSegmented ? returned.Where(s => !state.IsExcluded(s)).OrderBy(s => s.ToString(), StringComparer.Ordinal).ToList() : [Segment.All];
        if (segments.Count == 0)
        {
            var why = returned.Count > 0 ? "every segment returned is excluded from the rollout" : "query returned no series";
            return [GuardrailEvaluator.ApplyNoData(g, new Measurement(g.Name, Verdict.NoData, null, threshold, shownQuery, why + note, at,
                new MeasurementDetails(Method(g))))];
        }

        var stageWeights = policy.Stages.Select(s => s.Weight).ToList();
        return segments.Select(segment =>
        {
            var context = new SegmentContext(g, segment, shownQuery, state.Weight, stageWeights, note, at);
            return g.Kind switch
            {
                GuardrailKind.Sequential => SequentialJudge.Judge(context, values, denominators!),
                GuardrailKind.Comparison => ComparisonJudge.Judge(context, values),
                _ => ThresholdJudge(context, values),
            };
        }).ToList();
    }

    public static string Method(GuardrailSpec g) => g.Kind switch
    {
        GuardrailKind.Sequential => MeasurementDetails.Sequential,
        GuardrailKind.Comparison => MeasurementDetails.Comparison,
        _ => MeasurementDetails.Threshold,
    };

    private static Measurement ThresholdJudge(SegmentContext c, CohortTable values)
    {
        var details = c.Details(MeasurementDetails.Threshold);
        var value = values.Get(Cohort.On, c.Segment);
        if (value is not { } v) return c.Measure(Verdict.NoData, null, "no series", details);
        // NaN is no data; ±Inf is judged against the bounds (see GuardrailEvaluator).
        if (double.IsNaN(v)) return c.Measure(Verdict.NoData, null, "sample is NaN", details);
        var (verdict, detail) = GuardrailEvaluator.AgainstBounds(c.Guardrail, v);
        return c.Measure(verdict, v, detail, details);
    }

    // The canary's query when run per cohort, the grouped query otherwise: a link to it shows what was judged.
    private static string ShownQuery(IReadOnlyList<QueryReading> readings) =>
        (readings.FirstOrDefault(r => r.Planned.Cohort is null or Cohort.On) ?? readings.FirstOrDefault())?.Planned.Query ?? "";
}
