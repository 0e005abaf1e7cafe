using RolloutController.Analysis.Statistics;

namespace RolloutController.DecisionHarness;

/// <summary>
/// The rule the sequential test replaces: a fixed-horizon one-sided z-test for the difference of two proportions at
/// level α, applied at every check as if it were the only look. Kept here as the comparison, never for production.
/// </summary>
internal static class NaiveZTest
{
    public static bool Fails(CohortCounts control, CohortCounts treatment, MetricDirection direction, double alpha, long minTrials)
    {
        if (control.Trials < minTrials || treatment.Trials < minTrials) return false;
        var pc = control.Rate;
        var pt = treatment.Rate;
        var harmful = direction == MetricDirection.HigherIsBetter ? pc - pt : pt - pc;
        var se = Math.Sqrt(pt * (1 - pt) / treatment.Trials + pc * (1 - pc) / control.Trials);
        if (se == 0) return harmful > 0;
        return 1 - SpecialFunctions.NormalCdf(harmful / se) < alpha;
    }
}
