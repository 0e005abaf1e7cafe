namespace RolloutController.Analysis.Statistics;

/// <summary>
/// Splits a rollout's false-rollback budget across its stages. Each stage with a concurrent baseline
/// (0 &lt; weight &lt; 100) runs its own sequential test from the stage start, so the traffic split is constant within a
/// test and a metric drifting over the day moves both cohorts alike. By the union bound the probability of any false
/// rollback over the rollout is then at most the budget.
/// </summary>
internal static class StageAlpha
{
    /// <summary>
    /// <paramref name="rolloutAlpha"/> divided by the number of stages whose weight (percent) is strictly between 0 and 100;
    /// the whole budget when there is at most one such stage.
    /// </summary>
    public static double PerComparableStage(double rolloutAlpha, IEnumerable<decimal> stageWeightsPercent)
    {
        var comparable = stageWeightsPercent.Count(w => w > 0 && w < 100);
        return comparable > 1 ? rolloutAlpha / comparable : rolloutAlpha;
    }
}
