namespace RolloutController.Analysis.Statistics;

/// <summary>Validates <see cref="CohortCounts"/>: returns why they are unusable, or null when they are fine.</summary>
internal static class CohortCountsCheck
{
    /// <summary>Null when 0 ≤ Events ≤ Trials; otherwise a sentence naming the cohort and the bad values.</summary>
    public static string? Problem(string cohort, CohortCounts counts)
    {
        if (counts.Trials < 0)
            return $"{cohort}: trials is negative ({counts.Trials})";
        if (counts.Events < 0)
            return $"{cohort}: events is negative ({counts.Events})";
        if (counts.Events > counts.Trials)
            return $"{cohort}: events ({counts.Events}) exceed trials ({counts.Trials})";
        return null;
    }
}
