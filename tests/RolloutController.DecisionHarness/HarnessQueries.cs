using RolloutController.Analysis.Statistics;

namespace RolloutController.DecisionHarness;

/// <summary>
/// The PromQL templates of the simulated policies, written as a real policy would write them. The synthetic backend
/// (<see cref="SyntheticBackend"/>) does not parse PromQL: it recognizes each template and answers with the synthetic
/// counts it stands for.
/// </summary>
internal static class HarnessQueries
{
    /// <summary>Trials each cohort needs before the naive z-score has a value (the sequential test's default minimum).</summary>
    public const long ZScoreMinTrials = SequentialTestOptions.DefaultMinTrialsPerCohort;

    public const string Errors = """sum(increase(http_requests_total{flag="{{ flag }}",variant="{{ variant }}",code=~"5.."}[{{ window }}]))""";
    public const string Requests = """sum(increase(http_requests_total{flag="{{ flag }}",variant="{{ variant }}"}[{{ window }}]))""";
    public const string Conversions = """sum(increase(checkout_completed_total{flag="{{ flag }}",variant="{{ variant }}"}[{{ window }}]))""";
    public const string Visits = """sum(increase(checkout_started_total{flag="{{ flag }}",variant="{{ variant }}"}[{{ window }}]))""";

    /// <summary>Grouped by variant rather than run per cohort, so both query shapes go through the analysis.</summary>
    public const string Exposures = """sum by (variant) (increase(feature_flag_evaluations_total{flag="{{ flag }}"}[{{ window }}]))""";

    public static string ErrorZScore { get; } = ZScore(Errors, Requests, MetricDirection.LowerIsBetter);
    public static string ConversionZScore { get; } = ZScore(Conversions, Visits, MetricDirection.HigherIsBetter);

    /// <summary>
    /// The two-proportion z statistic of the canary against the baseline on counts since the stage started, signed so that
    /// harm is positive, and only once both cohorts have <see cref="ZScoreMinTrials"/> trials: a threshold guardrail with
    /// <c>max: 1.6449</c> on it is the fixed-horizon one-sided z-test at α = 0.05, applied at every check.
    /// </summary>
    public static string ZScore(string numerator, string denominator, MetricDirection direction)
    {
        string Of(string template, string cohort) => "(" + template.Replace("{{ variant }}", cohort, StringComparison.Ordinal) + ")";
        string Rate(string cohort) => $"({Of(numerator, cohort)} / {Of(denominator, cohort)})";
        string Variance(string cohort) => $"{Rate(cohort)} * (1 - {Rate(cohort)}) / {Of(denominator, cohort)}";
        var harm = direction == MetricDirection.HigherIsBetter ? $"{Rate("off")} - {Rate("on")}" : $"{Rate("on")} - {Rate("off")}";
        return $"({harm}) / sqrt({Variance("on")} + {Variance("off")})" +
               $" and on() ({Of(denominator, "on")} >= {ZScoreMinTrials}) and on() ({Of(denominator, "off")} >= {ZScoreMinTrials})";
    }
}
