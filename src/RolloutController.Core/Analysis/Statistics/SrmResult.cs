namespace RolloutController.Analysis.Statistics;

/// <summary>The result of <see cref="SampleRatioCheck.Evaluate"/>, with the numbers behind it.</summary>
/// <param name="Outcome">The verdict.</param>
/// <param name="ObservedOn">Exposures served "on".</param>
/// <param name="ObservedOff">Exposures served "off".</param>
/// <param name="ExpectedOn">Total × configured on-share.</param>
/// <param name="ExpectedOff">Total × (1 − configured on-share).</param>
/// <param name="ChiSquare">Pearson χ² statistic (1 degree of freedom), for reading only; NaN when not computed.</param>
/// <param name="ChiSquarePValue">Fixed-horizon P(χ²₁ ≥ statistic), for reading only (not valid when re-tested every
/// round); NaN when not computed.</param>
/// <param name="LogBayesFactor">ln BF_n of <see cref="SequentialSampleRatioTest"/>; NaN when not computed.</param>
/// <param name="PValue">The decision's p-value: the anytime-valid min(1, 1/BF_n); 0 for exposures on an arm served at 0 %;
/// NaN when not computed.</param>
/// <param name="Detail">One line a human can act on.</param>
internal sealed record SrmResult(
    SrmOutcome Outcome,
    long ObservedOn,
    long ObservedOff,
    double ExpectedOn,
    double ExpectedOff,
    double ChiSquare,
    double ChiSquarePValue,
    double LogBayesFactor,
    double PValue,
    string Detail);
