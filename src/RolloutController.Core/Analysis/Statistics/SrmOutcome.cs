namespace RolloutController.Analysis.Statistics;

/// <summary>What the sample-ratio-mismatch check concluded.</summary>
internal enum SrmOutcome
{
    /// <summary>The observed split is consistent with the configured weight.</summary>
    Balanced,

    /// <summary>The split is off: exposure counting or bucketing is broken, so metric comparisons cannot be trusted.</summary>
    Mismatch,

    /// <summary>The expected count of an arm is below the configured minimum: too early to say anything.</summary>
    NotEnoughData,

    /// <summary>The configured weight is 0 % or 100 % and nobody was served the absent arm: there is no split to check.</summary>
    NotApplicable,

    /// <summary>Negative counts, a weight outside [0, 1] or bad options.</summary>
    InvalidInput,
}
