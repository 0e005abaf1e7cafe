namespace RolloutController.Analysis.Statistics;

/// <summary>
/// The result of <see cref="SequentialProportionTest.Compare"/>, with every number behind the verdict so on-call can read why.
/// Rates and bounds are fractions (0.012 = 1.2 %); differences are treatment − control. Numbers that could not be
/// computed (missing or invalid input) are NaN.
/// </summary>
/// <param name="Outcome">The verdict.</param>
/// <param name="Direction">Which way is harm.</param>
/// <param name="Alpha">Error budget the sequence was built with.</param>
/// <param name="Control">Baseline counts as given (null when missing).</param>
/// <param name="Treatment">Canary counts as given (null when missing).</param>
/// <param name="ControlRate">Baseline events / trials.</param>
/// <param name="TreatmentRate">Canary events / trials.</param>
/// <param name="Difference">TreatmentRate − ControlRate.</param>
/// <param name="HalfWidth">Distance from <see cref="Difference"/> to the finite bound of the one-sided sequence.</param>
/// <param name="LowerBound">Lower end of the one-sided CS for the difference (−∞ when harm is a decrease).</param>
/// <param name="UpperBound">Upper end of the one-sided CS for the difference (+∞ when harm is an increase).</param>
/// <param name="HarmThreshold">The margin in rate units: harm is a difference beyond it in the harmful direction.</param>
/// <param name="Detail">One line a human can act on.</param>
internal sealed record ProportionComparison(
    ComparisonOutcome Outcome,
    MetricDirection Direction,
    double Alpha,
    CohortCounts? Control,
    CohortCounts? Treatment,
    double ControlRate,
    double TreatmentRate,
    double Difference,
    double HalfWidth,
    double LowerBound,
    double UpperBound,
    double HarmThreshold,
    string Detail)
{
    public Verdict Verdict => Outcome.ToVerdict();
}
