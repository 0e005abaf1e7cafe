namespace RolloutController.DecisionHarness;

/// <summary>One simulated situation, run many times with different seeds under each policy.</summary>
/// <param name="Harm">What goes wrong.</param>
/// <param name="Description">Human-readable harm, e.g. "error rate 1% → 2%".</param>
/// <param name="TrafficPerMinute">Mean requests per minute (both cohorts), Poisson arrivals; checkout visits arrive at the same rate.</param>
/// <param name="HarmStartStage">Index of the stage from whose start on the canary is harmed; null for A/A.</param>
internal sealed record Scenario(HarmKind Harm, string Description, double TrafficPerMinute, int? HarmStartStage)
{
    /// <summary>Per-request probability of a 5xx, both cohorts, unless harmed.</summary>
    public const double ErrorRate = 0.01;

    /// <summary>Per-visit probability of a completed checkout, both cohorts, unless harmed.</summary>
    public const double ConversionRate = 0.05;

    /// <summary>Served canary share = configured × this once a sample-ratio harm started (a 5 % skew).</summary>
    public const double SkewFactor = 1.05;

    public double CanaryErrorRate(bool harmed) => harmed && Harm == HarmKind.ErrorRate ? 2 * ErrorRate : ErrorRate;

    public double CanaryConversionRate(bool harmed) => harmed && Harm == HarmKind.Conversion ? 0.9 * ConversionRate : ConversionRate;

    /// <summary>The share of traffic actually served "on" at <paramref name="weightPercent"/>.</summary>
    public double ServedShare(decimal weightPercent, bool harmed) =>
        Math.Min(1, (double)weightPercent / 100 * (harmed && Harm == HarmKind.SampleRatio ? SkewFactor : 1));
}
