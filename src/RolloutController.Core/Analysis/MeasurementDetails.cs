namespace RolloutController.Analysis;

/// <summary>
/// The numbers behind one measurement's verdict, for the API, notifications and the stored history. Every field is
/// optional: each method fills what it has. Cohort "canary" is the flag-on traffic, "baseline" the flag-off traffic.
/// Non-finite numbers (an open side of a one-sided interval) are left out.
/// </summary>
/// <param name="Method"><c>threshold</c>, <c>comparison</c>, <c>sequential</c> or <c>sample-ratio</c>.</param>
internal sealed record MeasurementDetails(string Method)
{
    public const string Threshold = "threshold";
    public const string Comparison = "comparison";
    public const string Sequential = "sequential";
    public const string SampleRatio = "sample-ratio";
    public const string FlagPlatform = "flag-platform";

    /// <summary>The segment judged, e.g. <c>plan=free</c>; null for a guardrail without <c>by</c>.</summary>
    public string? Segment { get; init; }

    /// <summary>Canary value (comparison) or rate (sequential).</summary>
    public double? CanaryValue { get; init; }

    /// <summary>Baseline value (comparison) or rate (sequential).</summary>
    public double? BaselineValue { get; init; }

    /// <summary>Events (numerator) of the canary cohort.</summary>
    public long? CanaryEvents { get; init; }

    /// <summary>Trials (denominator) of the canary cohort; exposures served on for the sample-ratio check.</summary>
    public long? CanaryTrials { get; init; }

    public long? BaselineEvents { get; init; }

    /// <summary>Trials of the baseline cohort; exposures served off for the sample-ratio check.</summary>
    public long? BaselineTrials { get; init; }

    /// <summary>Canary − baseline, in the metric's unit (rates for sequential guardrails).</summary>
    public double? Difference { get; init; }

    /// <summary>Lower end of the confidence sequence for the difference (when finite).</summary>
    public double? LowerBound { get; init; }

    /// <summary>Upper end of the confidence sequence for the difference (when finite).</summary>
    public double? UpperBound { get; init; }

    /// <summary>Tolerated worsening in metric units: beyond it is harm.</summary>
    public double? Allowed { get; init; }

    /// <summary>Error budget of this stage's sequential test.</summary>
    public double? Alpha { get; init; }

    /// <summary>p-value of the sample-ratio check.</summary>
    public double? PValue { get; init; }

    /// <summary>Configured on-share (0–1) the sample-ratio check compared against.</summary>
    public double? ExpectedShare { get; init; }

    /// <summary>The number when finite, otherwise null.</summary>
    public static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
