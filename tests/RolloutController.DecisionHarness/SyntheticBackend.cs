using RolloutController.Analysis;
using RolloutController.Analysis.Cohorts;
using RolloutController.Analysis.Statistics;

namespace RolloutController.DecisionHarness;

/// <summary>
/// Answers the policies' queries (<see cref="HarnessQueries"/>) from the synthetic counters the way Prometheus would:
/// <c>increase()</c> over the window for each cohort's series, grouped by <c>variant</c> or selected by it. A labelled
/// counter exists from its first increment on: the baseline's series existed before the rollout began (the flag was off
/// for everyone), the canary's appear with its first request, error or conversion, and until then a query selecting
/// them returns no series.
/// </summary>
internal static class SyntheticBackend
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    private static readonly Dictionary<string, Func<CohortCounters, long>> Counts = new(StringComparer.Ordinal)
    {
        [HarnessQueries.Errors] = c => c.Errors,
        [HarnessQueries.Requests] = c => c.Requests,
        [HarnessQueries.Conversions] = c => c.Conversions,
        [HarnessQueries.Visits] = c => c.Visits,
        [HarnessQueries.Exposures] = c => c.Requests,
    };

    private static readonly Dictionary<string, (string Events, string Trials, MetricDirection Direction)> ZScores = new(StringComparer.Ordinal)
    {
        [HarnessQueries.ErrorZScore] = (HarnessQueries.Errors, HarnessQueries.Requests, MetricDirection.LowerIsBetter),
        [HarnessQueries.ConversionZScore] = (HarnessQueries.Conversions, HarnessQueries.Visits, MetricDirection.HigherIsBetter),
    };

    public static bool Knows(string template) => Counts.ContainsKey(Key(template)) || ZScores.ContainsKey(Key(template));

    // A YAML block scalar (query: |) keeps its final line break.
    private static string Key(string template) => template.Trim();

    /// <summary>What one planned query of a per-cohort template returns: one series per existing cohort.</summary>
    /// <param name="cohort">The planned query's cohort, or null when it groups by <c>variant</c>.</param>
    public static VectorOutcome Vector(string template, string? cohort, WindowCounts counts)
    {
        var count = Counts[Key(template)];
        if (cohort is not null)
            return Exists(count, cohort, counts) ? VectorOutcome.Of([new LabeledSample(NoLabels, count(counts.Of(cohort)))]) : VectorOutcome.Empty();
        var series = Cohort.Both
            .Where(c => Exists(count, c, counts))
            .Select(c => new LabeledSample(new Dictionary<string, string> { [Cohort.Label] = c }, count(counts.Of(c))))
            .ToList();
        return VectorOutcome.Of(series);
    }

    /// <summary>What a naive z-score query returns: its value, or no series before both cohorts have enough trials.</summary>
    public static QueryOutcome Scalar(string template, WindowCounts counts)
    {
        var (events, trials, direction) = ZScores[Key(template)];
        if (!Cohort.Both.All(c => Exists(Counts[events], c, counts) && Exists(Counts[trials], c, counts))) return QueryOutcome.Empty();
        CohortCounts Of(string cohort) => new(Counts[events](counts.Of(cohort)), Counts[trials](counts.Of(cohort)));
        return NaiveZTest.Score(Of(Cohort.Off), Of(Cohort.On), direction, HarnessQueries.ZScoreMinTrials) is { } z
            ? QueryOutcome.Of(z)
            : QueryOutcome.Empty();
    }

    private static bool Exists(Func<CohortCounters, long> count, string cohort, WindowCounts counts) =>
        cohort == Cohort.Off || count(counts.CanaryTotal) > 0;
}
