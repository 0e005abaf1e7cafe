using RolloutController.Analysis.Statistics;

namespace RolloutController.DecisionHarness;

/// <summary>
/// The rule the sequential test replaces: the two-proportion z statistic of a fixed-horizon one-sided test, evaluated at
/// every check as if it were the only look. The harness serves it as the value of a threshold guardrail's query
/// (<see cref="HarnessQueries.ZScore"/>); kept here as the comparison, never for production.
/// </summary>
internal static class NaiveZTest
{
    /// <summary>One-sided 5 % critical value, z₀.₉₅.</summary>
    public const double CriticalValue = 1.6449;

    /// <summary>
    /// (harmful difference) / (unpooled standard error), positive when the canary is worse; null while either cohort has
    /// fewer than <paramref name="minTrials"/> trials; NaN or ±∞ when the standard error is 0, as PromQL divides.
    /// </summary>
    public static double? Score(CohortCounts control, CohortCounts treatment, MetricDirection direction, long minTrials)
    {
        if (control.Trials < minTrials || treatment.Trials < minTrials) return null;
        var pc = control.Rate;
        var pt = treatment.Rate;
        var harmful = direction == MetricDirection.HigherIsBetter ? pc - pt : pt - pc;
        return harmful / Math.Sqrt(pt * (1 - pt) / treatment.Trials + pc * (1 - pc) / control.Trials);
    }
}
