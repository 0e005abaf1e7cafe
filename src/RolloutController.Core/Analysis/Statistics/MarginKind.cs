namespace RolloutController.Analysis.Statistics;

/// <summary>How a tolerated difference is expressed.</summary>
internal enum MarginKind
{
    /// <summary>In the metric's own unit: 0.002 means 0.2 percentage points for a rate.</summary>
    Absolute,

    /// <summary>As a fraction of the baseline value: 0.2 means 20 % of the baseline.</summary>
    Relative,
}
