using System.Globalization;
using RolloutController.Analysis;
using RolloutController.Analysis.Cohorts;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.DecisionHarness;

/// <summary>
/// One measurement round as the controller's measurer runs it, with <see cref="SyntheticBackend"/> in place of
/// Prometheus: the same variables (<c>{{ flag }}</c>, <c>{{ window }}</c> = whole seconds since the stage started), the
/// same query plans (<see cref="QueryPlan"/>: one query per cohort, or one grouped by <c>variant</c>), and the same pure
/// analysis — <see cref="GuardrailEvaluator"/> for a plain threshold, <see cref="GuardrailAnalysis"/> for comparison,
/// sequential and per-segment guardrails, <see cref="SampleRatioAnalysis"/> for the sample-ratio check.
/// </summary>
internal static class SyntheticMeasurer
{
    public static IReadOnlyList<Measurement> Measure(RolloutPolicy policy, RolloutState state, CounterHistory history, DateTimeOffset now)
    {
        var window = now - (state.StageStartedAt ?? now);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [QueryTemplate.Flag] = policy.Flag.Key,
            [QueryTemplate.Window] = QueryTemplate.WindowValue(window),
        };
        // Prometheus reads the range as written in the query: whole seconds.
        var (on, off) = history.Increase(TimeSpan.FromSeconds(long.Parse(variables[QueryTemplate.Window].TrimEnd('s'), CultureInfo.InvariantCulture)));
        var counts = new WindowCounts(on, off, history.LatestOn);

        var measurements = new List<Measurement>();
        foreach (var g in policy.Analysis.Guardrails)
            measurements.AddRange(GuardrailJudgement.Judge(policy, g, state, Ask(GuardrailQuestion.For(g), variables, counts), now));
        if (policy.Analysis.SampleRatio is { } srm)
            measurements.Add(GuardrailJudgement.JudgeSampleRatio(srm, state, Ask(GuardrailQuestion.For(srm), variables, counts), now));
        return measurements;
    }

    private static GuardrailReadings Ask(GuardrailQuestion question, IReadOnlyDictionary<string, string> variables, WindowCounts counts) =>
        question.Shape == ReadingShape.Scalar
            ? GuardrailReadings.OfScalar(QueryTemplate.Render(question.Values, variables), SyntheticBackend.Scalar(question.Values, counts))
            : new GuardrailReadings(
                Read(question.Values, question.ComparesCohorts, variables, counts),
                question.Denominators is { } d ? Read(d, true, variables, counts) : []);

    private static IReadOnlyList<QueryReading> Read(string template, bool comparesCohorts, IReadOnlyDictionary<string, string> variables, WindowCounts counts) =>
        QueryPlan.For(template, comparesCohorts, variables)
            .Select(q => new QueryReading(q, SyntheticBackend.Vector(template, q.Cohort, counts)))
            .ToList();
}
