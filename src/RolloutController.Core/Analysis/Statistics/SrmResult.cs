namespace RolloutController.Analysis.Statistics;

/// <summary>The result of <see cref="SampleRatioCheck.Evaluate"/>, with the numbers behind it.</summary>
/// <param name="Outcome">The verdict.</param>
/// <param name="ObservedOn">Exposures served "on".</param>
/// <param name="ObservedOff">Exposures served "off".</param>
/// <param name="ExpectedOn">Total × configured on-share.</param>
/// <param name="ExpectedOff">Total × (1 − configured on-share).</param>
/// <param name="ChiSquare">Pearson χ² statistic (1 degree of freedom); NaN when not computed.</param>
/// <param name="PValue">P(χ²₁ ≥ statistic); NaN when not computed.</param>
/// <param name="Detail">One line a human can act on.</param>
internal sealed record SrmResult(
    SrmOutcome Outcome,
    long ObservedOn,
    long ObservedOff,
    double ExpectedOn,
    double ExpectedOff,
    double ChiSquare,
    double PValue,
    string Detail);
