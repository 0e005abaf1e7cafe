namespace RolloutController.Analysis.Statistics;

/// <summary>What a canary-versus-baseline comparison concluded.</summary>
internal enum ComparisonOutcome
{
    /// <summary>No harm established (the canary may still be worse by less than the test can see yet).</summary>
    Pass,

    /// <summary>Harm established: the canary is worse than the baseline by more than the margin.</summary>
    Fail,

    /// <summary>Valid data, but a cohort has fewer trials than the minimum (zero trials included).</summary>
    NotEnoughData,

    /// <summary>A cohort had no measurement at all (null counts, or a NaN/∞ value).</summary>
    MissingCohort,

    /// <summary>Counts or options that cannot be right: negative counts, events above trials, a bad margin or alpha.</summary>
    InvalidInput,
}
